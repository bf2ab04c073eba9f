// GET /companies, GET /company/{companyId}, POST /company/: the admin
// creates, an editor changes its own, members see only their companies.
#include <boost/test/unit_test.hpp>

#include "ApiFixture.h"
#include "api/CompanyRoutes.h"
#include "common/Exceptions.h"
#include "executor/SecretMasker.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::ApiFixture;
using MultiFlexi::Testing::thrown;

namespace {
struct CompanyApi : ApiFixture {
  std::vector<ApiRoute> routes = companyRoutes();
  ApiResponse list(const Caller& caller, std::map<std::string, std::string> query = {}) {
    return call(routes, "GET", "/companies", request(caller, {}, std::move(query)));
  }
  ApiResponse get(const Caller& caller, int64_t id) {
    return call(routes, "GET", "/company/{companyId}", request(caller, {{"companyId", std::to_string(id)}}));
  }
  ApiResponse post(const Caller& caller, const OrderedJson& body, std::map<std::string, std::string> query = {}) {
    return call(routes, "POST", "/company/", request(caller, {}, std::move(query), body));
  }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(company_routes)

BOOST_FIXTURE_TEST_CASE(companies_are_listed_as_an_array_with_paging, CompanyApi) {
  const ApiResponse all = list(admin());
  BOOST_TEST(all.body.is_array());
  BOOST_TEST(all.body.size() == 2u);
  BOOST_TEST(all.body[0]["code"] == "acme");
  conforms("GET", "/companies.{suffix}", 200, all.body);
  BOOST_TEST(list(admin(), {{"order", "-code"}, {"limit", "1"}}).body[0]["id"] == beta);
  BOOST_TEST(list(admin(), {{"offset", "1"}}).body[0]["id"] == beta);
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"order", "-"}}); }).field() == "order");
  conforms("GET", "/company/{companyId}.{suffix}", 200, get(admin(), acme).body);
}

BOOST_FIXTURE_TEST_CASE(a_member_sees_only_its_companies, CompanyApi) {
  const Caller viewer = member(acme, CompanyRole::Viewer);
  const ApiResponse mine = list(viewer);
  BOOST_TEST(mine.body.size() == 1u);
  BOOST_TEST(mine.body[0]["id"] == acme);
  BOOST_TEST(get(viewer, acme).body["name"] == "Acme");
  BOOST_TEST(thrown<NotFoundException>([&] { get(viewer, beta); }).message() ==
             "no company with id " + std::to_string(beta));
  BOOST_TEST(thrown<NotFoundException>([&] { get(viewer, 9999); }).message() == "no company with id 9999");
  const std::string before = digest();
  BOOST_CHECK_THROW(post(viewer, {{"name", "x"}}, {{"companyId", std::to_string(beta)}}), NotFoundException);
  BOOST_CHECK_THROW(post(viewer, {{"name", "x"}}, {{"companyId", std::to_string(acme)}}), ForbiddenException);
  BOOST_CHECK_THROW(post(member(acme, CompanyRole::Editor), {{"name", "New"}, {"code", "new"}}), ForbiddenException);
  BOOST_TEST(digest() == before);
}

BOOST_FIXTURE_TEST_CASE(the_admin_creates_and_an_editor_changes_a_company, CompanyApi) {
  const ApiResponse created =
      post(admin(), {{"name", "Gamma"}, {"code", "gamma"}, {"email", "a@gamma.test"}, {"environment", {{"X", "1"}}}});
  BOOST_TEST(created.status == 201);
  BOOST_TEST(created.body["slug"] == "gamma");
  BOOST_TEST(created.body["environment"]["X"] == "1");
  conforms("POST", "/company/", 201, created.body);

  const ApiResponse changed =
      post(member(acme, CompanyRole::Editor), {{"ic", "12345678"}, {"enabled", false}}, {{"companyId", std::to_string(acme)}});
  BOOST_TEST(changed.body["ic"] == "12345678");
  BOOST_TEST(changed.body["enabled"] == false);
  BOOST_CHECK_THROW(post(admin(), {{"name", "Other"}, {"code", "acme"}}), ConflictException);
}

// A company's environment holds configuration and secrets alike: only who
// may change the company (its editors, the admin) reads the values; its
// viewers and operators see the names with every value masked.
BOOST_FIXTURE_TEST_CASE(environment_values_are_shown_only_to_who_may_edit_the_company, CompanyApi) {
  const std::map<std::string, std::string> acmeQuery = {{"companyId", std::to_string(acme)}};
  const ApiResponse updated =
      post(member(acme, CompanyRole::Editor), {{"environment", {{"API_TOKEN", "s3cr3t-value"}, {"REGION", "eu"}}}},
           acmeQuery);
  BOOST_TEST(updated.body["environment"]["API_TOKEN"] == "s3cr3t-value");  // the editor wrote it and reads it back
  BOOST_TEST(updated.body["environment"]["REGION"] == "eu");
  conforms("POST", "/company/", 201, updated.body);
  const std::string mask = SecretMasker::kMask;
  for (const CompanyRole role : {CompanyRole::Viewer, CompanyRole::Operator}) {
    const Caller caller = member(acme, role);
    const OrderedJson one = get(caller, acme).body;
    const OrderedJson listed = list(caller).body;
    BOOST_REQUIRE(listed.size() == 1u);
    for (const OrderedJson& shown : {one, listed[0]}) {
      BOOST_TEST(shown["environment"].size() == 2u, roleName(role));
      BOOST_TEST(shown["environment"]["API_TOKEN"] == mask, roleName(role));
      BOOST_TEST(shown["environment"]["REGION"] == mask, roleName(role));
      BOOST_TEST(shown.dump().find("s3cr3t-value") == std::string::npos, roleName(role));
    }
    conforms("GET", "/company/{companyId}.{suffix}", 200, one);
    conforms("GET", "/companies.{suffix}", 200, listed);
  }
  // An editor of acme who only views beta sees acme's values and beta's masked.
  Caller mixed = member(acme, CompanyRole::Editor);
  mixed.roles[beta] = CompanyRole::Viewer;
  post(admin(), {{"environment", {{"BETA_KEY", "beta-secret"}}}}, {{"companyId", std::to_string(beta)}});
  const OrderedJson both = list(mixed).body;
  BOOST_REQUIRE(both.size() == 2u);
  BOOST_TEST(both[0]["environment"]["API_TOKEN"] == "s3cr3t-value");
  BOOST_TEST(both[1]["environment"]["BETA_KEY"] == mask);
  BOOST_TEST(get(mixed, beta).body["environment"]["BETA_KEY"] == mask);
  BOOST_TEST(get(mixed, acme).body["environment"]["REGION"] == "eu");
  BOOST_TEST(get(admin(), beta).body["environment"]["BETA_KEY"] == "beta-secret");
  BOOST_TEST(list(admin()).body[0]["environment"]["API_TOKEN"] == "s3cr3t-value");
}

BOOST_FIXTURE_TEST_CASE(hostile_company_bodies_name_the_member_and_change_nothing, CompanyApi) {
  const std::string before = digest();
  const std::string sql = "acme' OR '1'='1";
  const std::map<std::string, std::string> acmeQuery = {{"companyId", std::to_string(acme)}};
  auto field = [&](const OrderedJson& body) { return thrown<ValidationException>([&] { post(admin(), body, acmeQuery); }).field(); };
  BOOST_TEST(field({{"code", sql}}) == "slug");
  BOOST_TEST(field({{"slug", 5}}) == "slug");
  BOOST_TEST(field({{"code", "a"}, {"slug", "b"}}) == "code");
  BOOST_TEST(field({{"email", sql}}) == "email");
  BOOST_TEST(field({{"timezone", sql}}) == "timezone");
  BOOST_TEST(field({{"enabled", sql}}) == "enabled");
  BOOST_TEST(field({{"name", std::string("A\0B", 3)}}) == "name");
  BOOST_TEST(field({{"name", ""}}) == "name");
  BOOST_TEST(field({{"environment", {{sql, "1"}}}}) == "env");  // CompanyCatalog names the variables "env"
  BOOST_TEST(field({{"environment", OrderedJson::array()}}) == "environment");
  BOOST_TEST(field({{"id", beta}}) == "id");
  BOOST_TEST(thrown<ValidationException>([&] { post(admin(), {{"name", "x"}}, {{"companyId", sql}}); }).field() ==
             "companyId");
  BOOST_TEST(thrown<ValidationException>([&] { post(admin(), {{"name", "x"}}, {{"companyId", "-3"}}); }).field() ==
             "companyId");
  BOOST_TEST(thrown<ValidationException>([&] { post(admin(), OrderedJson("name")); }).field() == "body");
  BOOST_TEST(digest() == before);
}

BOOST_FIXTURE_TEST_CASE(zabbix_host_is_set_shown_cleared_and_hostile_values_refused, CompanyApi) {
  const std::map<std::string, std::string> acmeQuery = {{"companyId", std::to_string(acme)}};
  post(admin(), {{"zabbix_host", "acme.example"}}, acmeQuery);
  BOOST_TEST(get(admin(), acme).body["zabbix_host"] == "acme.example");
  const std::string before = digest();
  auto field = [&](const OrderedJson& body) { return thrown<ValidationException>([&] { post(admin(), body, acmeQuery); }).field(); };
  BOOST_TEST(field({{"zabbix_host", "acme' OR '1'='1"}}) == "zabbix_host");
  BOOST_TEST(field({{"zabbix_host", 5}}) == "zabbix_host");
  BOOST_TEST(field({{"zabbix_host", std::string("a\0b", 3)}}) == "zabbix_host");
  BOOST_TEST(field({{"zabbix_host", std::string(129, 'h')}}) == "zabbix_host");
  BOOST_TEST(field({{"zabbix_host", "line\nbreak"}}) == "zabbix_host");
  BOOST_TEST(digest() == before);
  post(admin(), {{"zabbix_host", ""}}, acmeQuery);  // empty clears
  BOOST_TEST(!get(admin(), acme).body.contains("zabbix_host"));
}

BOOST_AUTO_TEST_SUITE_END()
