// GET /dashboard over a real store: jobs counted per hour and per day of the
// server's zone by their end, what waits and runs, next runs stored or
// planned, failures with a bounded stderr head, per company counts — and a
// caller of one company sees nothing of another.
#include <boost/test/unit_test.hpp>

#include "ApiFixture.h"
#include "api/DashboardRoutes.h"
#include "catalog/Dashboard.h"
#include "store/JobRepository.h"
#include "store/Transaction.h"

#include <date/tz.h>

using namespace MultiFlexi;
using MultiFlexi::Testing::ApiFixture;

namespace {

constexpr Instant kHour = 3'600'000;

struct DashboardFixture : ApiFixture {
  /// 2026-12-07T13:20:00Z, a Monday: 14:20 in Prague.
  const Instant now = 1'796'601'600'000 + 13 * kHour + 20 * 60'000;

  void sql(const std::string& statement, const Sql::Bindings& b = {}) {
    Poco::Data::Session s = catalog->database().session();
    Sql::execute(s, statement, b);
  }
  /// A job of `templateId` that ended at `end` in `state`.
  int64_t ended(int64_t templateId, const std::string& state, Instant end, std::optional<int64_t> exitCode = 1) {
    const int64_t id = job(templateId);
    sql("UPDATE job SET state = ?, begin_at = ?, end_at = ?, exit_code = ? WHERE id = ?",
        {Sql::value(state), Sql::value(end - 1000), Sql::value(end), Sql::value(exitCode), Sql::value(id)});
    return id;
  }
  int64_t running(int64_t templateId, Instant begin) {
    const int64_t id = job(templateId);
    sql("UPDATE job SET state = 'running', begin_at = ? WHERE id = ?", {Sql::value(begin), Sql::value(id)});
    return id;
  }
  void output(int64_t jobId, int64_t seq, int stream, const std::string& bytes) {
    inTransaction(catalog->database(),
                  [&](Poco::Data::Session& s) { JobRepository(catalog->database()).appendOutput(s, jobId, seq, stream, bytes); });
  }
  Dashboard board(const CompanyScope& companies, const std::string& zone = "Europe/Prague") {
    return dashboardOf(*catalog, companies, now, zone);
  }
};

int64_t total(const std::vector<TimeBucket>& buckets, int64_t EndedCounts::*field) {
  int64_t n = 0;
  for (const auto& b : buckets) n += b.ended.*field;
  return n;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(dashboard_routes, DashboardFixture)

BOOST_AUTO_TEST_CASE(jobs_are_counted_per_hour_and_per_local_day_by_their_end) {
  const Instant hourStart = now - 20 * 60'000;  // 13:00Z
  ended(acmeTemplate, "success", now - 60'000);               // this hour
  ended(acmeTemplate, "success", hourStart);                  // this hour, on its first instant
  ended(acmeTemplate, "failed", hourStart - 1);               // the hour before
  ended(betaTemplate, "cancelled", now - 5 * kHour);          // 08:20Z
  ended(betaTemplate, "lost", now - 23 * kHour - 20 * 60'000);  // 14:00Z yesterday: the oldest hour
  ended(acmeTemplate, "success", now - 24 * kHour - 20 * 60'000 - 1);  // before the 24 hours
  ended(acmeTemplate, "success", now - 8 * 24 * kHour);       // before the 7 days
  // 2026-12-06T23:30Z is 00:30 of today in Prague: today, though yesterday in UTC.
  ended(acmeTemplate, "failed", 1'796'601'600'000 - 30 * 60'000);

  const Dashboard d = board(std::nullopt);
  BOOST_REQUIRE(d.hours.size() == 24u);
  BOOST_TEST(d.hours.back().start == hourStart);
  BOOST_TEST(d.hours.front().start == hourStart - 23 * kHour);
  BOOST_TEST(d.hours.back().ended.success == 2);
  BOOST_TEST(d.hours[22].ended.failed == 1);
  BOOST_TEST(d.hours[18].ended.cancelled == 1);
  BOOST_TEST(d.hours.front().ended.lost == 1);
  BOOST_TEST(total(d.hours, &EndedCounts::success) == 2);
  BOOST_TEST(total(d.hours, &EndedCounts::failed) == 2);  // 23:30Z yesterday is within the 24 hours

  BOOST_REQUIRE(d.days.size() == 7u);
  // Today began at 2026-12-06T23:00Z (midnight in Prague).
  BOOST_TEST(d.days.back().start == 1'796'601'600'000 - kHour);
  BOOST_TEST(d.days.back().ended.success == 2);
  BOOST_TEST(d.days.back().ended.failed == 2);
  BOOST_TEST(d.days.back().ended.cancelled == 1);
  BOOST_TEST(d.days[5].ended.lost == 1);
  BOOST_TEST(d.days[5].ended.success == 1);
  BOOST_TEST(total(d.days, &EndedCounts::success) == 3);  // not the one 8 days ago
  BOOST_TEST(d.zone == "Europe/Prague");

  // In UTC the 23:30Z job belongs to yesterday.
  const Dashboard utc = board(std::nullopt, "UTC");
  BOOST_TEST(utc.days.back().start == 1'796'601'600'000);
  BOOST_TEST(utc.days.back().ended.failed == 1);
  BOOST_TEST(utc.days[5].ended.failed == 1);
}

BOOST_AUTO_TEST_CASE(a_viewer_of_one_company_sees_nothing_of_another) {
  ended(betaTemplate, "failed", now - 60'000);
  const int64_t betaRunning = running(betaTemplate, now - kHour);
  output(betaRunning, 0, 2, "beta secret\n");
  sql("UPDATE runtemplate SET interv = 'd', next_schedule = ? WHERE id = ?",
      {Sql::value(now + kHour), Sql::value(betaTemplate)});
  ended(acmeTemplate, "success", now - 60'000);

  const auto routes = dashboardRoutes("Europe/Prague", [this] { return now; });
  const ApiResponse mine = call(routes, "GET", "/dashboard", request(member(acme, CompanyRole::Viewer)));
  const std::string text = mine.body.dump();
  BOOST_TEST(text.find("Beta") == std::string::npos, text);
  BOOST_TEST(text.find("beta") == std::string::npos, text);
  BOOST_TEST(mine.body["pending"] == 1);  // acme's seeded job
  BOOST_TEST(mine.body["running"].empty());
  BOOST_TEST(mine.body["failures"].empty());
  BOOST_TEST(mine.body["next_runs"].empty());
  BOOST_TEST(mine.body["hours"].back()["success"] == 1);
  BOOST_TEST(mine.body["hours"].back()["failed"] == 0);
  BOOST_REQUIRE(mine.body["companies"].size() == 1u);
  BOOST_TEST(mine.body["companies"][0]["slug"] == "acme");
  BOOST_TEST(mine.body["companies"][0]["success_24h"] == 1);

  const ApiResponse all = call(routes, "GET", "/dashboard", request(admin()));
  BOOST_TEST(all.body["pending"] == 2);
  BOOST_TEST(all.body["running"].size() == 1u);
  BOOST_TEST(all.body["failures"].size() == 1u);
  BOOST_TEST(all.body["companies"].size() == 2u);
  BOOST_TEST(all.body["next_runs"].size() == 1u);

  Caller nobody;
  nobody.userId = 9;
  nobody.name = "nobody";
  const ApiResponse none = call(routes, "GET", "/dashboard", request(nobody));
  BOOST_TEST(none.body["pending"] == 0);
  BOOST_TEST(none.body["companies"].empty());
  BOOST_TEST(none.body["hours"].size() == 24u);
  BOOST_CHECK_THROW(call(routes, "GET", "/dashboard", request(std::nullopt)), UnauthorizedException);
}

BOOST_AUTO_TEST_CASE(an_empty_store_has_empty_buckets_and_lists) {
  sql("DELETE FROM job");
  const ApiResponse r = call(dashboardRoutes("UTC", [this] { return now; }), "GET", "/dashboard", request(admin()));
  const OrderedJson& b = r.body;
  for (const char* key : {"generated_at", "zone", "hours", "days", "pending", "running", "next_runs", "failures",
                          "companies"})
    BOOST_TEST(b.contains(key), key);
  BOOST_TEST(b["zone"] == "UTC");
  BOOST_TEST(b["hours"].size() == 24u);
  BOOST_TEST(b["days"].size() == 7u);
  for (const auto& bucket : b["hours"]) {
    BOOST_TEST(bucket["success"] == 0);
    BOOST_TEST(bucket["lost"] == 0);
    BOOST_TEST(bucket["start"].get<std::string>().back() == 'Z');
  }
  BOOST_TEST(b["pending"] == 0);
  BOOST_TEST(b["running"].empty());
  BOOST_TEST(b["failures"].empty());
  BOOST_TEST(b["companies"].size() == 2u);
  BOOST_TEST(b["companies"][0]["templates"] == 1);
  BOOST_TEST(b["companies"][0]["running"] == 0);
}

BOOST_AUTO_TEST_CASE(failures_show_a_bounded_head_of_their_stderr_newest_first) {
  const int64_t older = ended(acmeTemplate, "failed", now - 2 * kHour, 3);
  output(older, 0, 1, "stdout is not shown\n");
  output(older, 1, 2, "line 1\nline 2\n");
  output(older, 2, 1, "more stdout\n");
  output(older, 3, 2, "line 3\nline 4\nline 5\nline 6\nline 7\n");
  const int64_t newer = ended(acmeTemplate, "lost", now - kHour, std::nullopt);
  output(newer, 0, 2, std::string(5000, 'x') + "\n");
  const int64_t utf8 = ended(acmeTemplate, "failed", now - 30 * 60'000, 2);
  output(utf8, 0, 2, std::string(499, 'a') + "\xC3\xA9 and more");  // é across the 500th byte
  const int64_t tiny = ended(acmeTemplate, "failed", now - 20 * 60'000, 4);
  for (int i = 0; i < 700; ++i) output(tiny, i, 2, "y");
  ended(acmeTemplate, "success", now - 10 * 60'000, 0);

  const Dashboard d = board(std::nullopt);
  BOOST_REQUIRE(d.failures.size() == 4u);
  BOOST_TEST(d.failures[0].job.id == tiny);
  BOOST_TEST(d.failures[0].stderrHead == std::string(500, 'y'));
  BOOST_TEST(d.failures[1].job.id == utf8);
  BOOST_TEST(d.failures[1].stderrHead == std::string(499, 'a'));
  BOOST_TEST(d.failures[2].job.id == newer);
  BOOST_TEST(d.failures[2].job.state == "lost");
  BOOST_TEST(d.failures[2].stderrHead.size() == 500u);
  BOOST_TEST(d.failures[3].job.id == older);
  BOOST_TEST(d.failures[3].job.exitCode.value_or(0) == 3);
  BOOST_TEST(d.failures[3].stderrHead == "line 1\nline 2\nline 3\nline 4\nline 5");

  const OrderedJson j = dashboardJson(d);
  BOOST_TEST(j["failures"][3]["exitcode"] == 3);
  BOOST_TEST(j["failures"][2]["exitcode"].is_null());
  BOOST_TEST(j["failures"][3]["runtemplate_name"] == "acme report");
  BOOST_TEST(j["failures"][3]["company_name"] == "Acme");

  // At most ten, the latest first.
  for (int i = 0; i < 12; ++i) ended(betaTemplate, "failed", now - 60'000 + i);
  const Dashboard many = board(std::nullopt);
  BOOST_TEST(many.failures.size() == 10u);
  BOOST_TEST(many.failures.front().job.end.value_or(0) == now - 60'000 + 11);
}

BOOST_AUTO_TEST_CASE(running_and_next_runs_are_bounded_and_ordered) {
  const int64_t first = running(acmeTemplate, now - 3 * kHour);
  running(betaTemplate, now - kHour);
  for (int i = 0; i < 55; ++i) running(acmeTemplate, now - 60'000);
  Dashboard d = board(std::nullopt);
  BOOST_TEST(d.running.size() == 50u);
  BOOST_TEST(d.running.front().id == first);
  BOOST_TEST(d.running.front().appName.empty() == false);
  BOOST_TEST(d.running.front().runtemplateName == "acme report");
  BOOST_TEST(d.companies[0].running == 56);

  // Stored slots plus delay; a template the scheduler has not planned yet is planned here.
  sql("UPDATE runtemplate SET interv = 'd', delay_seconds = 60, next_schedule = ? WHERE id = ?",
      {Sql::value(now + 2 * kHour), Sql::value(acmeTemplate)});
  sql("UPDATE runtemplate SET interv = 'h', next_schedule = NULL WHERE id = ?", {Sql::value(betaTemplate)});
  for (int i = 0; i < 12; ++i) {
    const int64_t t = runTemplate("later " + std::to_string(i), acme);
    sql("UPDATE runtemplate SET interv = 'd', next_schedule = ? WHERE id = ?",
        {Sql::value(now + (3 + i) * kHour), Sql::value(t)});
  }
  const int64_t inactive = runTemplate("inactive", acme);
  sql("UPDATE runtemplate SET interv = 'd', active = 0, next_schedule = ? WHERE id = ?",
      {Sql::value(now + 60'000), Sql::value(inactive)});
  d = board(std::nullopt);
  BOOST_REQUIRE(d.nextRuns.size() == 10u);
  BOOST_TEST(d.nextRuns[0].runtemplateId == betaTemplate);
  BOOST_TEST(d.nextRuns[0].next == now + 40 * 60'000);  // 14:00Z, the next whole hour
  BOOST_TEST(d.nextRuns[1].runtemplateId == acmeTemplate);
  BOOST_TEST(d.nextRuns[1].next == now + 2 * kHour + 60'000);
  BOOST_TEST(d.nextRuns[2].name == "later 0");
  for (const NextRun& n : d.nextRuns) BOOST_TEST(n.runtemplateId != inactive);
  BOOST_TEST(d.companies[0].templates == 14);
  BOOST_TEST(d.companies[0].activeTemplates == 13);
}

BOOST_AUTO_TEST_CASE(hostile_text_in_names_and_output_is_data) {
  sql("UPDATE company SET name = ? WHERE id = ?", {Sql::value(std::string("'; DROP TABLE job; --")), Sql::value(acme)});
  const int64_t bad = ended(acmeTemplate, "failed", now - 60'000);
  output(bad, 0, 2, std::string("\0\x01\xFF<script>", 11));
  const ApiResponse r = call(dashboardRoutes("UTC", [this] { return now; }), "GET", "/dashboard", request(admin()));
  BOOST_TEST(r.body["failures"][0]["company_name"] == "'; DROP TABLE job; --");
  BOOST_TEST(r.body["failures"][0]["stderr_head"].get<std::string>().size() == 11u);
  BOOST_TEST(catalog->jobs().list(JobFilter{}).size() >= 1u);  // the table is still there
}

BOOST_AUTO_TEST_SUITE_END()
