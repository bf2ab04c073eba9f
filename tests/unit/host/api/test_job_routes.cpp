// GET /jobs, GET /job/{jobId}, POST /job/: shapes as MultiFlexi's document
// says, filters and paging, tenant isolation, roles and hostile bodies.
#include <boost/test/unit_test.hpp>

#include "ApiFixture.h"
#include "api/JobRoutes.h"
#include "common/Exceptions.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::ApiFixture;
using MultiFlexi::Testing::thrown;

namespace {
struct JobApi : ApiFixture {
  std::vector<ApiRoute> routes = jobRoutes();
  ApiResponse list(const Caller& caller, std::map<std::string, std::string> query = {}) {
    return call(routes, "GET", "/jobs", request(caller, {}, std::move(query)));
  }
  ApiResponse post(const Caller& caller, const OrderedJson& body) {
    return call(routes, "POST", "/job/", request(caller, {}, {}, body));
  }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(job_routes)

BOOST_FIXTURE_TEST_CASE(jobs_are_listed_keyed_by_id_as_the_document_says, JobApi) {
  const ApiResponse all = list(admin());
  BOOST_TEST(all.status == 200);
  BOOST_TEST(all.body.size() == 2u);
  BOOST_TEST(all.body.contains(std::to_string(acmeJob)));
  BOOST_TEST(all.body[std::to_string(acmeJob)]["runtemplate_id"] == acmeTemplate);
  BOOST_TEST(all.body[std::to_string(acmeJob)]["status"] == "pending");
  BOOST_TEST(!all.body[std::to_string(acmeJob)].contains("launched_by"));  // MultiFlexi's is a user id
  BOOST_TEST(all.body[std::to_string(acmeJob)]["launched_by_name"] == "seed");
  conforms("GET", "/jobs.{suffix}", 200, all.body);

  BOOST_TEST(list(admin(), {{"company_id", std::to_string(beta)}}).body.size() == 1u);
  BOOST_TEST(list(admin(), {{"runtemplate_id", std::to_string(acmeTemplate)}}).body.size() == 1u);
  BOOST_TEST(list(admin(), {{"status", "running"}}).body.empty());
  BOOST_TEST(list(admin(), {{"limit", "1"}}).body.size() == 1u);
  BOOST_TEST(list(admin(), {{"limit", "1"}, {"order", "id"}}).body.contains(std::to_string(acmeJob)));
  BOOST_TEST(list(admin(), {{"limit", "1"}, {"order", "-id"}}).body.contains(std::to_string(betaJob)));
  BOOST_TEST(list(admin(), {{"offset", "2"}}).body.empty());
}

BOOST_FIXTURE_TEST_CASE(bad_list_parameters_name_the_parameter, JobApi) {
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"limit", "0"}}); }).field() == "limit");
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"limit", "101"}}); }).field() == "limit");
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"limit", "ten"}}); }).field() == "limit");
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"offset", "-1"}}); }).field() == "offset");
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"order", "id; DROP TABLE job"}}); }).field() == "order");
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"status", "done"}}); }).field() == "status");
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"company_id", "1 OR 1=1"}}); }).field() ==
             "company_id");
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"runtemplate_id", std::string("1\0", 2)}}); })
                 .field() == "runtemplate_id");
}

// The console's time range: jobs scheduled in [from, until), instants with their zone.
BOOST_FIXTURE_TEST_CASE(jobs_are_filtered_by_their_scheduled_time, JobApi) {
  const Instant now = nowMs();  // both seeded jobs are due in an hour
  BOOST_TEST(list(admin(), {{"from", formatInstant(now)}}).body.size() == 2u);
  BOOST_TEST(list(admin(), {{"from", formatInstant(now + 7'200'000)}}).body.empty());
  BOOST_TEST(list(admin(), {{"until", formatInstant(now + 7'200'000)}}).body.size() == 2u);
  BOOST_TEST(list(admin(), {{"until", formatInstant(now)}}).body.empty());
  BOOST_TEST(list(admin(), {{"from", formatInstant(now)}, {"company_id", std::to_string(beta)}}).body.size() == 1u);
  // The same instant with an offset: 2 h east of UTC, written 2 h later.
  BOOST_TEST(list(admin(), {{"from", "2000-01-01T02:00:00+02:00"}}).body.size() == 2u);
  BOOST_TEST(list(admin(), {{"until", "2000-01-01T02:00:00+02:00"}}).body.empty());
  // A viewer's range stays inside his company.
  BOOST_TEST(list(member(acme, CompanyRole::Viewer), {{"from", formatInstant(now)}}).body.size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_bad_time_range_names_its_parameter, JobApi) {
  for (const std::string& bad : std::vector<std::string>{"", "yesterday", "2026-12-07", "2026-12-07T13:00:00", "2026-13-01T00:00:00Z",
                                "2026-12-07T25:00:00Z", "1' OR '1'='1", "2026-12-07T13:00:00Z; DROP TABLE job",
                                std::string("2026-12-07T13:00:00Z\0", 21), std::string(5000, '9')}) {
    BOOST_TEST_INFO("a value of " << bad.size() << " bytes");
    BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"from", bad}}); }).field() == "from");
    BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"until", bad}}); }).field() == "until");
  }
  const auto reversed = thrown<ValidationException>(
      [&] { list(admin(), {{"from", "2026-12-07T13:00:00Z"}, {"until", "2026-12-07T12:59:59Z"}}); });
  BOOST_TEST(reversed.field() == "until");
  BOOST_TEST(reversed.reason() == "is before from");
  BOOST_TEST(list(admin(), {{"from", "2026-12-07T13:00:00Z"}, {"until", "2026-12-07T13:00:00Z"}}).body.empty());
}

BOOST_FIXTURE_TEST_CASE(a_viewer_of_one_company_never_sees_the_other_companys_jobs, JobApi) {
  const Caller viewer = member(acme, CompanyRole::Viewer);
  const ApiResponse mine = list(viewer);
  BOOST_TEST(mine.body.size() == 1u);
  BOOST_TEST(mine.body.contains(std::to_string(acmeJob)));
  // Asking for the other company's jobs lists nothing, rather than them.
  BOOST_TEST(list(viewer, {{"company_id", std::to_string(beta)}}).body.empty());
  BOOST_TEST(list(viewer, {{"runtemplate_id", std::to_string(betaTemplate)}}).body.empty());

  const auto hidden = thrown<NotFoundException>(
      [&] { call(routes, "GET", "/job/{jobId}", request(viewer, {{"jobId", std::to_string(betaJob)}})); });
  const auto missing = thrown<NotFoundException>(
      [&] { call(routes, "GET", "/job/{jobId}", request(viewer, {{"jobId", "9999"}})); });
  BOOST_TEST(hidden.message() == "no job with id " + std::to_string(betaJob));
  BOOST_TEST(missing.message() == "no job with id 9999");

  const ApiResponse one = call(routes, "GET", "/job/{jobId}", request(viewer, {{"jobId", std::to_string(acmeJob)}}));
  BOOST_TEST(one.body["id"] == acmeJob);
  conforms("GET", "/job/{jobId}.{suffix}", 200, one.body);

  // A caller who sees no company lists nothing.
  Caller nobody;
  nobody.name = "nobody";
  BOOST_TEST(list(nobody).body.empty());
}

BOOST_FIXTURE_TEST_CASE(an_operator_runs_a_template_now_or_at_a_local_time, JobApi) {
  const Caller op = member(acme, CompanyRole::Operator, "olga");
  // Overrides win over credentials and configuration: an editor's to give.
  const std::string before = digest();
  BOOST_TEST(thrown<ForbiddenException>([&] {
               post(op, {{"runtemplate_id", acmeTemplate}, {"env", {{"DOCID", "FV-1"}}}});
             }).field() == "env");
  BOOST_TEST(digest() == before);
  BOOST_TEST(post(member(acme, CompanyRole::Editor, "eda"), {{"runtemplate_id", acmeTemplate}, {"env", {{"DOCID", "FV-1"}}}})
                 .status == 201);
  const ApiResponse now = post(op, {{"runtemplate_id", acmeTemplate}});
  BOOST_TEST(now.status == 201);
  BOOST_TEST(now.body["runtemplate_id"] == acmeTemplate);
  BOOST_TEST(now.body["schedule_type"] == "adhoc-api");
  BOOST_TEST(now.body["launched_by_name"] == "olga");
  BOOST_TEST(now.headers.at("Location").find("/job/") != std::string::npos);
  conforms("POST", "/job/", 201, now.body);

  // A local time is read in the template's zone (else its company's, else UTC).
  RunTemplateChanges zone;
  zone.timeZone = "Europe/Prague";
  catalog->runTemplates().update(acmeTemplate, zone);
  const ApiResponse later =
      post(op, {{"runtemplate_id", acmeTemplate}, {"scheduled", "2030-01-15 10:00:00"}, {"executor", "native"}});
  BOOST_TEST(later.body["schedule"] == "2030-01-15T09:00:00.000Z");
}

BOOST_FIXTURE_TEST_CASE(running_a_template_is_refused_with_the_status_the_document_gives, JobApi) {
  const std::string before = digest();
  // 404: no template, or one of a company the caller does not see (same words).
  const auto missing = thrown<NotFoundException>([&] { post(admin(), {{"runtemplate_id", 9999}}); });
  const auto hidden =
      thrown<NotFoundException>([&] { post(member(acme, CompanyRole::Editor), {{"runtemplate_id", betaTemplate}}); });
  BOOST_TEST(missing.message() == "no run template with id 9999");
  BOOST_TEST(hidden.message() == "no run template with id " + std::to_string(betaTemplate));
  // 403: sees it, but a viewer does not run jobs.
  BOOST_CHECK_THROW(post(member(acme, CompanyRole::Viewer), {{"runtemplate_id", acmeTemplate}}), ForbiddenException);
  // 409: inactive.
  RunTemplateChanges off;
  off.active = false;
  catalog->runTemplates().update(betaTemplate, off);
  const std::string afterOff = digest();
  BOOST_CHECK_THROW(post(admin(), {{"runtemplate_id", betaTemplate}}), ConflictException);
  BOOST_TEST(digest() == afterOff);
  BOOST_TEST(before != afterOff);  // the digest sees a change
}

BOOST_FIXTURE_TEST_CASE(hostile_job_bodies_name_the_member_and_change_nothing, JobApi) {
  const std::string before = digest();
  const std::string sql = "1; DROP TABLE job; --";
  auto field = [&](const OrderedJson& body) { return thrown<ValidationException>([&] { post(admin(), body); }).field(); };
  BOOST_TEST(field(OrderedJson::array()) == "body");
  BOOST_TEST(thrown<ValidationException>([&] { call(routes, "POST", "/job/", request(admin())); }).field() == "body");
  BOOST_TEST(field(OrderedJson::object()) == "runtemplate_id");
  BOOST_TEST(field({{"runtemplate_id", sql}}) == "runtemplate_id");
  BOOST_TEST(field({{"runtemplate_id", 1.5}}) == "runtemplate_id");
  BOOST_TEST(field({{"runtemplate_id", true}}) == "runtemplate_id");
  BOOST_TEST(field({{"runtemplate_id", "18446744073709551615"}}) == "runtemplate_id");
  BOOST_TEST(field({{"runtemplate_id", acmeTemplate}, {"scheduled", sql}}) == "scheduled");
  BOOST_TEST(field({{"runtemplate_id", acmeTemplate}, {"scheduled", 5}}) == "scheduled");
  BOOST_TEST(field({{"runtemplate_id", acmeTemplate}, {"scheduled", "2030-01-15T10:00:00Z"}}) == "scheduled");
  BOOST_TEST(field({{"runtemplate_id", acmeTemplate}, {"executor", std::string("native\0x", 8)}}) == "executor");
  BOOST_TEST(field({{"runtemplate_id", acmeTemplate}, {"executor", OrderedJson::array()}}) == "executor");
  BOOST_TEST(field({{"runtemplate_id", acmeTemplate}, {"executor", std::string(70000, 'x')}}) == "executor");
  BOOST_TEST(field({{"runtemplate_id", acmeTemplate}, {"env", "A=1"}}) == "env");
  BOOST_TEST(field({{"runtemplate_id", acmeTemplate}, {"env", {{"A", OrderedJson::object()}}}}) == "env.A");
  BOOST_TEST(field({{"runtemplate_id", acmeTemplate}, {"env", {{"LD_PRELOAD", "/tmp/x.so"}}}}) == "env");
  BOOST_TEST(field({{"runtemplate_id", acmeTemplate}, {"env", {{sql, "1"}}}}) == "env");
  BOOST_TEST(field({{"runtemplate_id", acmeTemplate}, {"unknown", 1}}) == "unknown");
  BOOST_TEST(thrown<ValidationException>([&] { post(admin(), {{"runtemplate_id", acmeTemplate}, {"executor", sql}}); })
                 .field() == "executor");
  BOOST_TEST(digest() == before);
}

BOOST_AUTO_TEST_SUITE_END()
