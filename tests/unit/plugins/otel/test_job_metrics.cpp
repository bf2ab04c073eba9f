// JobMetrics: MultiFlexi's counters, duration histogram and heartbeat gauges.
#include <boost/test/unit_test.hpp>

#include "JobEvents.h"
#include "JobMetrics.h"

using namespace mfx::otel;
using namespace mfx::otel::testing;
using nlohmann::json;

namespace {

void feed(JobMetrics& m, int32_t kind, const json& extra, int64_t durationMs = 0, int32_t exitCode = -1) {
  auto t = jobEvent(kind, "x", kScheduledMs, extra);
  t.durationMs = durationMs;
  t.exitCode = exitCode;
  m.onEvent(toEvent(t), json::parse(t.attributesJson));
}

bool has(const Attributes& a, const std::string& key, const AttrValue& v) {
  for (const auto& [k, x] : a)
    if (k == key) return x == v;
  return false;
}

bool hasKey(const Attributes& a, const std::string& key) {
  for (const auto& kv : a)
    if (kv.first == key) return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(job_metrics)

BOOST_AUTO_TEST_CASE(counters_count_starts_successes_and_failures_per_attribute_set) {
  JobMetrics m(100);
  feed(m, MFX_EV_STARTED, json::object());
  feed(m, MFX_EV_STARTED, json::object());
  feed(m, MFX_EV_FINISHED, {{"outcome", "success"}, {"exitcode", 0}}, 2500, 0);
  feed(m, MFX_EV_FINISHED, {{"outcome", "failed"}, {"exitcode", 3}}, 700, 3);
  feed(m, MFX_EV_LOST, json::object());
  feed(m, MFX_EV_CANCELLED, json::object());
  const MetricsBatch b = m.collect(200);
  BOOST_TEST(b.startNs == 100);
  BOOST_TEST(b.timeNs == 200);
  BOOST_REQUIRE_EQUAL(b.total.size(), 1u);
  BOOST_TEST(b.total[0].value == 2);
  BOOST_TEST(!hasKey(b.total[0].attributes, "exitcode"));
  BOOST_TEST(has(b.total[0].attributes, "app_name", std::string("Bank import")));
  BOOST_TEST(has(b.total[0].attributes, "company_id", int64_t{3}));
  BOOST_TEST(has(b.total[0].attributes, "runtemplate_name", std::string("Daily import")));
  BOOST_REQUIRE_EQUAL(b.success.size(), 1u);
  BOOST_TEST(has(b.success[0].attributes, "exitcode", int64_t{0}));
  BOOST_REQUIRE_EQUAL(b.failed.size(), 2u);  // exit code 3, and the lost job without one
  int64_t failed = 0;
  for (const auto& p : b.failed) failed += p.value;
  BOOST_TEST(failed == 2);
  // Only MultiFlexi's attribute names, nothing unbounded (no job id, no trace id).
  for (const auto& [k, v] : b.failed[0].attributes)
    BOOST_TEST((k == "app_id" || k == "app_name" || k == "company_id" || k == "company_name" ||
                k == "runtemplate_id" || k == "runtemplate_name" || k == "exitcode"),
               k);
}

BOOST_AUTO_TEST_CASE(duration_goes_into_the_right_buckets) {
  JobMetrics m(0);
  feed(m, MFX_EV_FINISHED, {{"outcome", "success"}, {"exitcode", 0}}, 500, 0);    // 0.5 s -> (-inf,1]
  feed(m, MFX_EV_FINISHED, {{"outcome", "success"}, {"exitcode", 0}}, 1000, 0);   // 1 s   -> (-inf,1]
  feed(m, MFX_EV_FINISHED, {{"outcome", "success"}, {"exitcode", 0}}, 45000, 0);  // 45 s  -> (30,60]
  feed(m, MFX_EV_FINISHED, {{"outcome", "success"}, {"exitcode", 0}}, 100000000, 0);  // > 86400 s
  const MetricsBatch b = m.collect(1);
  BOOST_REQUIRE_EQUAL(b.duration.size(), 1u);
  const HistogramPoint& h = b.duration[0];
  BOOST_TEST(h.count == 4u);
  BOOST_TEST(h.sum == 0.5 + 1 + 45 + 100000, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(h.min == 0.5);
  BOOST_TEST(h.max == 100000.0);
  BOOST_REQUIRE_EQUAL(h.bucketCounts.size(), kDurationBounds.size() + 1);
  BOOST_TEST(h.bucketCounts[0] == 2u);
  BOOST_TEST(h.bucketCounts[4] == 1u);
  BOOST_TEST(h.bucketCounts.back() == 1u);
}

BOOST_AUTO_TEST_CASE(collect_starts_a_new_delta_interval) {
  JobMetrics m(0);
  feed(m, MFX_EV_STARTED, json::object());
  BOOST_TEST(!m.collect(10).empty());
  const MetricsBatch second = m.collect(20);
  BOOST_TEST(second.empty());
  BOOST_TEST(second.startNs == 10);
}

BOOST_AUTO_TEST_CASE(heartbeat_sets_the_gauges_once) {
  JobMetrics m(0);
  Event e;
  e.kind = MFX_EV_HEARTBEAT;
  e.timestampMs = 5;
  m.onEvent(e, json{{"host", "box"}, {"jobs_running", 2}, {"applications", 9}, {"companies", 4},
                    {"runtemplates", 12}, {"version", "0.1.0"}, {"jobs_queued", "not a number"}});
  MetricsBatch b = m.collect(10);
  BOOST_REQUIRE_EQUAL(b.gauges.size(), 4u);
  BOOST_TEST(b.gauges[0].name == "multiflexi.jobs.running");
  BOOST_TEST(b.gauges[0].value == 2);
  BOOST_TEST(b.gauges[3].name == "multiflexi.runtemplates.total");
  BOOST_TEST(b.gauges[3].value == 12);
  BOOST_TEST(b.gaugeTimeNs == 5000000);
  BOOST_TEST(m.collect(20).gauges.empty());
}

BOOST_AUTO_TEST_SUITE_END()
