// GET /runtemplates, GET /runtemplate/{id}, POST /runtemplate and POST
// /runtemplate/{id}: MultiFlexi's shapes, filters and paging, tenant
// isolation, the editor role, hostile bodies.
#include <boost/test/unit_test.hpp>

#include "ApiFixture.h"
#include "api/RunTemplateRoutes.h"
#include "common/Exceptions.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::ApiFixture;
using MultiFlexi::Testing::thrown;

namespace {
struct TemplateApi : ApiFixture {
  std::vector<ApiRoute> routes = runTemplateRoutes();
  ApiResponse list(const Caller& caller, std::map<std::string, std::string> query = {}) {
    return call(routes, "GET", "/runtemplates", request(caller, {}, std::move(query)));
  }
  ApiResponse get(const Caller& caller, int64_t id) {
    return call(routes, "GET", "/runtemplate/{runTemplateId}", request(caller, {{"runTemplateId", std::to_string(id)}}));
  }
  ApiResponse create(const Caller& caller, const OrderedJson& body) {
    return call(routes, "POST", "/runtemplate", request(caller, {}, {}, body));
  }
  ApiResponse update(const Caller& caller, int64_t id, const OrderedJson& body) {
    return call(routes, "POST", "/runtemplate/{runTemplateId}",
                request(caller, {{"runTemplateId", std::to_string(id)}}, {}, body));
  }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(run_template_routes)

BOOST_FIXTURE_TEST_CASE(templates_are_listed_keyed_by_id_with_filters_and_paging, TemplateApi) {
  const ApiResponse all = list(admin());
  BOOST_TEST(all.body.size() == 2u);
  const OrderedJson& t = all.body[std::to_string(acmeTemplate)];
  BOOST_TEST(t["interv"] == "n");
  BOOST_TEST(t["company_id"] == acme);
  BOOST_TEST(t["cron"].is_null());
  BOOST_TEST(t["successfull_jobs_count"] == 0);
  conforms("GET", "/runtemplates.{suffix}", 200, all.body);

  BOOST_TEST(list(admin(), {{"company_id", std::to_string(beta)}}).body.size() == 1u);
  BOOST_TEST(list(admin(), {{"app_id", std::to_string(appId)}}).body.size() == 2u);
  BOOST_TEST(list(admin(), {{"app_id", "9999"}}).body.empty());
  BOOST_TEST(list(admin(), {{"limit", "1"}, {"order", "-name"}}).body.contains(std::to_string(betaTemplate)));
  BOOST_TEST(list(admin(), {{"limit", "1"}, {"order", "name"}}).body.contains(std::to_string(acmeTemplate)));
  BOOST_TEST(list(admin(), {{"limit", "1"}, {"offset", "1"}}).body.contains(std::to_string(betaTemplate)));
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"order", "config"}}); }).field() == "order");
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"app_id", "x"}}); }).field() == "app_id");
  conforms("GET", "/runtemplate/{runTemplateId}.{suffix}", 200, get(admin(), acmeTemplate).body);
}

BOOST_FIXTURE_TEST_CASE(another_companys_templates_do_not_exist_for_a_member, TemplateApi) {
  const std::string before = digest();
  const Caller editor = member(acme, CompanyRole::Editor);
  const ApiResponse mine = list(editor);
  BOOST_TEST(mine.body.size() == 1u);
  BOOST_TEST(mine.body.contains(std::to_string(acmeTemplate)));
  BOOST_TEST(list(editor, {{"company_id", std::to_string(beta)}}).body.empty());

  const std::string words = "no run template with id " + std::to_string(betaTemplate);
  BOOST_TEST(thrown<NotFoundException>([&] { get(editor, betaTemplate); }).message() == words);
  BOOST_TEST(thrown<NotFoundException>([&] { update(editor, betaTemplate, {{"name", "x"}}); }).message() == words);
  BOOST_TEST(thrown<NotFoundException>([&] { get(editor, 9999); }).message() == "no run template with id 9999");
  BOOST_TEST(thrown<NotFoundException>([&] { create(editor, {{"name", "x"}, {"app_id", appId}, {"company_id", beta}}); })
                 .message() == "no company with id " + std::to_string(beta));
  // A template cannot be moved into a company the editor does not hold.
  BOOST_TEST(thrown<ValidationException>([&] { update(editor, acmeTemplate, {{"company_id", beta}}); }).field() ==
             "company_id");
  BOOST_TEST(digest() == before);
}

BOOST_FIXTURE_TEST_CASE(an_editor_creates_and_changes_templates_a_viewer_or_operator_may_not, TemplateApi) {
  const Caller editor = member(acme, CompanyRole::Editor);
  const ApiResponse created = create(editor, {{"name", "nightly"},
                                              {"app_id", appId},
                                              {"company_id", acme},
                                              {"interv", "c"},
                                              {"cron", "0 2 * * *"},
                                              {"timezone", "Europe/Prague"},
                                              {"delay", 60},
                                              {"note", "from the API"},
                                              {"config", {{"ACCOUNT", "123"}}}});
  BOOST_TEST(created.status == 201);
  BOOST_TEST(created.body["cron"] == "0 2 * * *");
  BOOST_TEST(created.body["timezone"] == "Europe/Prague");
  BOOST_TEST(created.body["config"]["ACCOUNT"] == "123");
  conforms("POST", "/runtemplate", 201, created.body);
  const int64_t id = created.body["id"].get<int64_t>();

  const ApiResponse changed = update(editor, id, {{"id", id}, {"active", 0}, {"note", ""}, {"delay", "5"}});
  BOOST_TEST(changed.status == 201);
  conforms("POST", "/runtemplate/{runTemplateId}.{suffix}", 201, changed.body);
  BOOST_TEST(changed.body["active"] == false);
  BOOST_TEST(changed.body["delay"] == 5);
  BOOST_TEST(changed.body["note"].is_null());

  const std::string before = digest();
  BOOST_CHECK_THROW(update(member(acme, CompanyRole::Operator), id, {{"name", "x"}}), ForbiddenException);
  BOOST_CHECK_THROW(create(member(acme, CompanyRole::Viewer), {{"name", "x"}, {"app_id", appId}, {"company_id", acme}}),
                    ForbiddenException);
  BOOST_TEST(digest() == before);
}

BOOST_FIXTURE_TEST_CASE(hostile_template_bodies_name_the_member_and_change_nothing, TemplateApi) {
  const std::string before = digest();
  const std::string sql = "x'); DELETE FROM runtemplate; --";
  auto field = [&](const OrderedJson& body) {
    return thrown<ValidationException>([&] { update(admin(), acmeTemplate, body); }).field();
  };
  BOOST_TEST(field({{"interv", sql}}) == "interv");
  BOOST_TEST(field({{"interv", 1}}) == "interv");
  BOOST_TEST(field({{"cron", sql}}) == "cron");
  BOOST_TEST(field({{"delay", sql}}) == "delay");
  BOOST_TEST(field({{"delay", -1}}) == "delay");
  BOOST_TEST(field({{"delay", "99999999999"}}) == "delay");
  BOOST_TEST(field({{"active", "yes"}}) == "active");
  BOOST_TEST(field({{"active", 2}}) == "active");
  BOOST_TEST(field({{"active", sql}}) == "active");
  BOOST_TEST(field({{"timezone", sql}}) == "timezone");
  BOOST_TEST(field({{"misfire", sql}}) == "misfire");
  BOOST_TEST(field({{"name", std::string("a\0b", 3)}}) == "name");
  BOOST_TEST(field({{"name", OrderedJson::object()}}) == "name");
  BOOST_TEST(field({{"note", std::string(70000, 'n')}}) == "note");
  BOOST_TEST(field({{"config", {{sql, "1"}}}}) == "config");
  BOOST_TEST(field({{"config", {{"A", OrderedJson::array()}}}}) == "config.A");
  BOOST_TEST(field({{"id", acmeTemplate + 1}}) == "id");
  BOOST_TEST(field({{sql, 1}}) == sql);
  BOOST_TEST(thrown<ValidationException>([&] { create(admin(), {{"name", "x"}, {"app_id", appId}}); }).field() ==
             "company_id");
  BOOST_TEST(thrown<ValidationException>([&] { create(admin(), {{"name", "x"}, {"app_id", sql}, {"company_id", acme}}); })
                 .field() == "app_id");
  BOOST_TEST(thrown<ValidationException>([&] {
               call(routes, "GET", "/runtemplate/{runTemplateId}", request(admin(), {{"runTemplateId", "1 OR 1=1"}}));
             }).field() == "runTemplateId");
  BOOST_TEST(digest() == before);

  // A name is free text: an SQL-looking one is stored as it is, nothing else changes.
  update(admin(), acmeTemplate, {{"name", sql}});
  BOOST_TEST(get(admin(), acmeTemplate).body["name"] == sql);
  BOOST_TEST(list(admin()).body.size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(can_run_asks_the_executor_and_changes_nothing, TemplateApi) {
  auto canRun = [&](const Caller& caller, int64_t id, std::map<std::string, std::string> query = {}) {
    return call(routes, "GET", "/runtemplate/{runTemplateId}/can_run",
                request(caller, {{"runTemplateId", std::to_string(id)}}, std::move(query)));
  };
  const std::string before = digest();
  const Caller viewer = member(acme, CompanyRole::Viewer);
  const OrderedJson native = canRun(viewer, acmeTemplate).body;
  BOOST_TEST(native["executor"] == "native");  // the template's
  BOOST_TEST(native["can_run"] == true);
  BOOST_TEST(native["reason"].is_null());
  // The application has no ociimage, nor the template: podman refuses and says why.
  const OrderedJson podman = canRun(viewer, acmeTemplate, {{"executor", "podman"}}).body;
  BOOST_TEST(podman["executor"] == "podman");
  BOOST_TEST(podman["can_run"] == false);
  BOOST_TEST(!podman["reason"].get<std::string>().empty());
  BOOST_TEST(get(admin(), acmeTemplate).body["executor"] == "native");

  auto field = [&](std::map<std::string, std::string> query) {
    return thrown<ValidationException>([&] { canRun(viewer, acmeTemplate, std::move(query)); }).field();
  };
  BOOST_TEST(field({{"executor", "no-such-executor"}}) == "executor");
  BOOST_TEST(field({{"executor", ""}}) == "executor");
  BOOST_TEST(field({{"executor", std::string("nat\0ive", 7)}}) == "executor");
  BOOST_TEST(field({{"executor", std::string(70000, 'e')}}) == "executor");
  BOOST_TEST(field({{"executor", "native'; DROP TABLE runtemplate; --"}}) == "executor");
  BOOST_TEST(thrown<NotFoundException>([&] { canRun(viewer, betaTemplate); }).message() ==
             "no run template with id " + std::to_string(betaTemplate));
  BOOST_TEST(thrown<NotFoundException>([&] { canRun(viewer, 999999); }).message() == "no run template with id 999999");
  BOOST_CHECK_THROW(canRun(Caller(), acmeTemplate), NotFoundException);
  BOOST_CHECK_THROW(call(routes, "GET", "/runtemplate/{runTemplateId}/can_run",
                         request(std::nullopt, {{"runTemplateId", std::to_string(acmeTemplate)}})),
                    UnauthorizedException);
  BOOST_TEST(canRun(admin(), betaTemplate).body["can_run"] == true);
  BOOST_TEST(digest() == before);
}

BOOST_AUTO_TEST_SUITE_END()
