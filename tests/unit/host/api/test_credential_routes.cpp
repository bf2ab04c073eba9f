// The credential routes: secrets never leave masked, members see only their
// companies' credentials and types, editors change them, hostile bodies.
#include <boost/test/unit_test.hpp>

#include "store/CredentialRepository.h"

#include "ApiFixture.h"
#include "Fixtures.h"
#include "api/CredentialRoutes.h"
#include "catalog/CredentialCatalog.h"
#include "common/Exceptions.h"
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

BOOST_AUTO_TEST_SUITE_END()
