// GET /runtemplate/{id}/credentials, POST /runtemplate/{id}/credential/ and
// DELETE /runtemplate/{id}/credential/{credentialId}: the application's
// requirements with what fills each, binding and unbinding by editors (and
// audited), another company's template or credential answered as missing,
// hostile bodies.
#include <boost/test/unit_test.hpp>

#include "../catalog/SqlCredential.h"
#include "ApiFixture.h"
#include "api/RunTemplateCredentialRoutes.h"
#include "catalog/CredentialCatalog.h"
#include "common/Exceptions.h"
#include "store/AuditRepository.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::ApiFixture;
using MultiFlexi::Testing::thrown;

namespace {
struct BindingApi : ApiFixture {
  std::vector<ApiRoute> routes = runTemplateCredentialRoutes();
  int64_t acmeCredential = 0, betaCredential = 0;

  BindingApi() {
    const int64_t prototype = catalog->credentials().prototypes().save(Testing::sqlPrototype()).id;
    acmeCredential = credential(acme, prototype);
    betaCredential = credential(beta, prototype);
  }
  int64_t credential(int64_t company, int64_t prototype) {
    return catalog->credentials().createCredential(
        Testing::sqlCredential(company, catalog->credentials().createType(Testing::sqlType(company, prototype))));
  }
  ApiResponse list(std::optional<Caller> caller, int64_t templateId) {
    return call(routes, "GET", "/runtemplate/{runTemplateId}/credentials",
                request(std::move(caller), {{"runTemplateId", std::to_string(templateId)}}));
  }
  ApiResponse assign(const Caller& caller, int64_t templateId, const OrderedJson& body) {
    return call(routes, "POST", "/runtemplate/{runTemplateId}/credential/",
                request(caller, {{"runTemplateId", std::to_string(templateId)}}, {}, body));
  }
  ApiResponse unassign(const Caller& caller, int64_t templateId, int64_t credentialId) {
    return call(routes, "DELETE", "/runtemplate/{runTemplateId}/credential/{credentialId}",
                request(caller, {{"runTemplateId", std::to_string(templateId)},
                                 {"credentialId", std::to_string(credentialId)}}));
  }
  /// The application requires MServer; the test prototype provides SQL.
  OrderedJson forMServer(int64_t credentialId) const {
    return {{"credential_id", credentialId}, {"requirement", "mserver"}};
  }
  /// Both templates' bindings, as the admin reads them.
  std::string bindings() {
    return list(admin(), acmeTemplate).body.dump() + list(admin(), betaTemplate).body.dump();
  }
  std::size_t auditedBindings() {
    std::size_t n = 0;
    for (const AuditEvent& e : AuditRepository(catalog->database()).list(1000))
      n += e.action.rfind("runtemplate.credential.", 0) == 0 ? 1 : 0;
    return n;
  }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(run_template_credential_routes)

BOOST_FIXTURE_TEST_CASE(an_editor_binds_and_unbinds_and_a_viewer_sees_what_fills_each_requirement, BindingApi) {
  const Caller viewer = member(acme, CompanyRole::Viewer);
  const Caller editor = member(acme, CompanyRole::Editor);
  const OrderedJson empty = list(viewer, acmeTemplate).body;
  BOOST_REQUIRE_EQUAL(empty["requirements"].size(), 1u);
  BOOST_TEST(empty["requirements"][0]["kind"] == "MServer");
  BOOST_TEST(empty["requirements"][0]["credential_id"].is_null());
  BOOST_TEST(empty["requirements"][0]["credential_name"].is_null());

  const ApiResponse bound = assign(editor, acmeTemplate, forMServer(acmeCredential));
  BOOST_TEST(bound.status == 201);
  const OrderedJson& r = bound.body["requirements"][0];
  BOOST_TEST(r["kind"] == "MServer");
  BOOST_TEST(r["credential_id"] == acmeCredential);
  BOOST_TEST(r["credential_name"] == "db");
  BOOST_TEST(r["credential_type_name"] == "sql");
  BOOST_TEST(r["extra"] == false);
  BOOST_TEST(list(viewer, acmeTemplate).body == bound.body);
  BOOST_TEST(bound.body.dump().find("pw-123456") == std::string::npos);

  const ApiResponse unbound = unassign(editor, acmeTemplate, acmeCredential);
  BOOST_TEST(unbound.status == 200);
  BOOST_TEST(unbound.body == empty);
  BOOST_TEST(auditedBindings() == 2u);
  BOOST_TEST(thrown<NotFoundException>([&] { unassign(editor, acmeTemplate, acmeCredential); })
                 .message()
                 .find("is not assigned") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(roles_and_other_companies_are_checked_before_anything_changes, BindingApi) {
  assign(admin(), betaTemplate, forMServer(betaCredential));
  const std::string before = digest() + bindings();
  const std::size_t audited = auditedBindings();
  for (CompanyRole role : {CompanyRole::Viewer, CompanyRole::Operator}) {
    BOOST_TEST(thrown<ForbiddenException>([&] { assign(member(acme, role), acmeTemplate, forMServer(acmeCredential)); })
                   .field() == "runTemplateId");
    BOOST_CHECK_THROW(unassign(member(acme, role), acmeTemplate, acmeCredential), ForbiddenException);
  }
  const Caller editor = member(acme, CompanyRole::Editor);
  // Another company's template: the words of a missing one, whichever route.
  const std::string words = "no run template with id " + std::to_string(betaTemplate);
  BOOST_TEST(thrown<NotFoundException>([&] { list(editor, betaTemplate); }).message() == words);
  BOOST_TEST(thrown<NotFoundException>([&] { assign(editor, betaTemplate, forMServer(betaCredential)); }).message() ==
             words);
  BOOST_TEST(thrown<NotFoundException>([&] { unassign(editor, betaTemplate, betaCredential); }).message() == words);
  BOOST_TEST(thrown<NotFoundException>([&] { list(editor, 999999); }).message() == "no run template with id 999999");
  // Another company's credential in the body: the words of a missing one.
  const auto hidden = thrown<ValidationException>([&] { assign(editor, acmeTemplate, forMServer(betaCredential)); });
  const auto missing = thrown<ValidationException>([&] { assign(editor, acmeTemplate, forMServer(999999)); });
  BOOST_TEST(hidden.field() == "credential_id");
  BOOST_TEST(hidden.reason() == "no credential with id " + std::to_string(betaCredential));
  BOOST_TEST(missing.reason() == "no credential with id 999999");
  // An editor here who views the other company may not hand its secrets to this company's jobs.
  Caller both = editor;
  both.roles[beta] = CompanyRole::Viewer;
  const auto mixed = thrown<ValidationException>([&] { assign(both, acmeTemplate, forMServer(betaCredential)); });
  BOOST_TEST(mixed.field() == "credential_id");
  BOOST_TEST(mixed.reason() == "belongs to another company than the run template");
  // The admin sees both companies: the catalog refuses the mix.
  BOOST_TEST(thrown<ValidationException>([&] { assign(admin(), acmeTemplate, forMServer(betaCredential)); }).field() ==
             "credential_id");
  BOOST_CHECK_THROW(list(std::nullopt, acmeTemplate), UnauthorizedException);
  BOOST_TEST(digest() + bindings() == before);
  BOOST_TEST(auditedBindings() == audited);
}

BOOST_FIXTURE_TEST_CASE(hostile_bind_bodies_name_the_member_and_change_nothing, BindingApi) {
  const std::string before = digest() + bindings();
  auto field = [&](const OrderedJson& body) {
    return thrown<ValidationException>([&] { assign(admin(), acmeTemplate, body); }).field();
  };
  BOOST_TEST(field(OrderedJson::array()) == "body");
  BOOST_TEST(field(OrderedJson::object()) == "credential_id");
  BOOST_TEST(field({{"credential_id", "4; DELETE FROM credential"}}) == "credential_id");
  BOOST_TEST(field({{"credential_id", nullptr}}) == "credential_id");
  BOOST_TEST(field({{"credential_id", OrderedJson::array({acmeCredential})}}) == "credential_id");
  BOOST_TEST(field({{"credential_id", acmeCredential}, {"requirement", std::string("MS\0erver", 8)}}) == "requirement");
  BOOST_TEST(field({{"credential_id", acmeCredential}, {"requirement", std::string(70000, 'r')}}) == "requirement");
  BOOST_TEST(field({{"credential_id", acmeCredential}, {"requirement", "x' OR '1'='1"}}) == "credential_id");
  BOOST_TEST(field({{"credential_id", acmeCredential}, {"extra", true}}) == "extra");
  BOOST_TEST(thrown<ValidationException>([&] {
               call(routes, "DELETE", "/runtemplate/{runTemplateId}/credential/{credentialId}",
                    request(admin(), {{"runTemplateId", std::to_string(acmeTemplate)}, {"credentialId", "-1"}}));
             }).field() == "credentialId");
  BOOST_TEST(digest() + bindings() == before);
}

BOOST_AUTO_TEST_SUITE_END()
