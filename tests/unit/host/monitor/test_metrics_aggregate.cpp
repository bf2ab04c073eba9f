// The job counts behind /metrics on a real SQLite store: folded once and
// then only what ended since; jobs recorded with an end before those already
// counted (a clock moved back, a late record) are counted too, exactly once;
// the latest run of each template is the one that ended last.
#include <boost/test/unit_test.hpp>

#include "Seed.h"
#include "TempDir.h"
#include "monitor/MetricsAggregate.h"
#include "store/Sql.h"

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {

constexpr Instant kT0 = 1'796'601'600'000;  // 2026-12-07T00:00:00Z

struct AggregateFixture {
  TempDir dir;
  std::unique_ptr<Database> db = Database::openSqlite(dir.file("metrics.db"));
  int64_t companyId = seedCompany(*db, "acme");
  int64_t appId = seedApp(*db, appRunning("importer", "/bin/true"));
  int64_t templateA = seedTemplate(*db, templateOf(appId, companyId, 'h', "a"));
  int64_t templateB = seedTemplate(*db, templateOf(appId, companyId, 'h', "b"));

  /// A job of `templateId` due at `due`, started `latencyMs` later, ended `durationMs` after that.
  int64_t ended(std::optional<int64_t> templateId, const std::string& state, Instant due, Instant latencyMs,
                Instant durationMs, bool started = true) {
    Poco::Data::Session s = db->session();
    const std::optional<int64_t> begin = started ? std::optional<int64_t>(due + latencyMs) : std::nullopt;
    return Sql::insert(s,
                       "INSERT INTO job (runtemplate_id, company_id, app_id, state, schedule_type, scheduled_for, "
                       "begin_at, end_at, executor, created_at) VALUES (?, ?, ?, ?, 'adhoc', ?, ?, ?, 'native', ?) "
                       "RETURNING id",
                       {Sql::value(templateId), Sql::value(companyId), Sql::value(appId), Sql::value(state),
                        Sql::value(due), Sql::value(begin), Sql::value(due + latencyMs + durationMs), Sql::value(due)});
  }
  uint64_t runs(const MetricsCounts& c, int64_t templateId, const std::string& state) {
    const auto t = c.templates.find(templateId);
    if (t == c.templates.end()) return 0;
    const auto s = t->second.byState.find(state);
    return s == t->second.byState.end() ? 0 : s->second;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(metrics_aggregate, AggregateFixture)

BOOST_AUTO_TEST_CASE(ended_jobs_are_counted_by_template_outcome_duration_and_latency) {
  MetricsAggregate aggregate;
  BOOST_TEST(aggregate.refresh(*db).folded == 0u);
  ended(templateA, "success", kT0, 500, 2'000);
  ended(templateA, "failed", kT0 + 60'000, 3'000, 40'000);
  ended(templateB, "lost", kT0 + 120'000, 100, 700'000);
  ended(std::nullopt, "cancelled", kT0 + 180'000, 0, 0, false);  // never started, no template
  {  // a pending and a running job are not counted
    Poco::Data::Session s = db->session();
    Sql::execute(s, "INSERT INTO job (runtemplate_id, company_id, app_id, state, schedule_type, scheduled_for, "
                    "begin_at, executor, created_at) VALUES (?, ?, ?, 'running', 'adhoc', ?, ?, 'native', ?)",
                 {Sql::value(templateA), Sql::value(companyId), Sql::value(appId), Sql::value(kT0), Sql::value(kT0),
                  Sql::value(kT0)});
  }
  const MetricsCounts c = aggregate.refresh(*db);
  BOOST_TEST(c.folded == 4u);
  BOOST_TEST(runs(c, templateA, "success") == 1u);
  BOOST_TEST(runs(c, templateA, "failed") == 1u);
  BOOST_TEST(runs(c, templateB, "lost") == 1u);
  BOOST_TEST(c.lost == 1u);
  const TemplateRuns& a = c.templates.at(templateA);
  BOOST_TEST(a.duration.count == 2u);
  BOOST_TEST(a.duration.sum == 42.0);
  BOOST_TEST(a.duration.counts[1] == 1u);  // 2 s: le 5
  BOOST_TEST(a.duration.counts[4] == 1u);  // 40 s: le 60
  BOOST_TEST(a.last->state == "failed");
  BOOST_TEST(*a.last->begin == kT0 + 63'000);
  BOOST_TEST(a.last->end == kT0 + 103'000);
  BOOST_TEST(c.launchLatency.count == 3u);  // the cancelled job never started
  BOOST_TEST(c.launchLatency.sum == 3.6);
  BOOST_TEST(c.rebuilds == 0u);
}

BOOST_AUTO_TEST_CASE(each_refresh_folds_only_what_ended_since) {
  MetricsAggregate aggregate;
  {  // 12,000 jobs in one statement: a job every second, every third failed
    Poco::Data::Session s = db->session();
    Sql::execute(s,
                 "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 11999) "
                 "INSERT INTO job (runtemplate_id, company_id, app_id, state, schedule_type, scheduled_for, begin_at, "
                 "end_at, executor, created_at) SELECT ?, ?, ?, CASE WHEN i % 3 = 0 THEN 'failed' ELSE 'success' END, "
                 "'adhoc', ? + i * 1000, ? + i * 1000 + 10, ? + i * 1000 + 1010, 'native', ? FROM n",
                 {Sql::value(templateA), Sql::value(companyId), Sql::value(appId), Sql::value(kT0), Sql::value(kT0),
                  Sql::value(kT0), Sql::value(kT0)});
  }
  BOOST_TEST(aggregate.refresh(*db).folded == 12'000u);  // more than one batch
  ended(templateA, "success", kT0 + 20'000'000, 10, 1000);
  const MetricsCounts c = aggregate.refresh(*db);
  BOOST_TEST(c.folded == 12'001u);
  BOOST_TEST(runs(c, templateA, "success") == 8'001u);
  BOOST_TEST(runs(c, templateA, "failed") == 4'000u);
  BOOST_TEST(aggregate.refresh(*db).folded == 12'001u);  // nothing new: nothing added
  BOOST_TEST(c.rebuilds == 0u);
}

BOOST_AUTO_TEST_CASE(a_clock_moved_back_still_counts_every_job_once) {
  MetricsAggregate aggregate;
  ended(templateA, "success", kT0 + 3'600'000, 0, 1000);
  BOOST_TEST(aggregate.refresh(*db).folded == 1u);
  // The clock went back an hour: the next jobs end "before" the one counted.
  ended(templateA, "failed", kT0, 0, 1000);
  ended(templateB, "success", kT0 + 1000, 0, 1000);
  MetricsCounts c = aggregate.refresh(*db);
  BOOST_TEST(c.folded == 3u);
  BOOST_TEST(runs(c, templateA, "failed") == 1u);
  BOOST_TEST(runs(c, templateB, "success") == 1u);
  BOOST_TEST(c.rebuilds == 0u);  // found by their ids, without counting everything again
  BOOST_TEST(c.templates.at(templateA).last->state == "success");  // still the one that ended last
  c = aggregate.refresh(*db);
  BOOST_TEST(c.folded == 3u);
}

BOOST_AUTO_TEST_CASE(a_job_recorded_late_with_an_older_end_is_counted_once) {
  // Executor 1 claims job X; executor 2 ends job Y later and records it first.
  Poco::Data::Session s = db->session();
  const int64_t x = ended(templateA, "success", kT0, 0, 1000);
  Sql::execute(s, "UPDATE job SET end_at = NULL, state = 'running' WHERE id = ?", {Sql::value(x)});
  ended(templateB, "failed", kT0, 0, 5000);
  MetricsAggregate aggregate;
  BOOST_TEST(aggregate.refresh(*db).folded == 1u);
  Sql::execute(s, "UPDATE job SET end_at = ?, state = 'success' WHERE id = ?", {Sql::value(kT0 + 1000), Sql::value(x)});
  const MetricsCounts c = aggregate.refresh(*db);
  BOOST_TEST(c.folded == 2u);
  BOOST_TEST(runs(c, templateA, "success") == 1u);
  BOOST_TEST(runs(c, templateB, "failed") == 1u);
  BOOST_TEST(c.rebuilds == 1u);  // counted all again, and said so
  BOOST_TEST(aggregate.refresh(*db).rebuilds == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
