// JobTracker: the job span and the run span built from a job's events.
#define BOOST_TEST_MODULE mfx_otel
#include <boost/test/unit_test.hpp>

#include "JobEvents.h"
#include "JobTracker.h"

using namespace mfx::otel;
using namespace mfx::otel::testing;
using nlohmann::json;

namespace {

std::vector<SpanData> feed(JobTracker& tracker, const mfx::testing::TestJobEvent& t) {
  const Event e = toEvent(t);
  return tracker.onEvent(e, json::parse(e.attributesJson));
}

const AttrValue* attr(const SpanData& s, const std::string& key) {
  for (const auto& [k, v] : s.attributes)
    if (k == key) return &v;
  return nullptr;
}

constexpr int64_t kMs = 1000000;

}  // namespace

BOOST_AUTO_TEST_SUITE(job_tracker)

BOOST_AUTO_TEST_CASE(a_successful_job_gives_a_job_span_and_its_run_span) {
  JobTracker tracker(100);
  BOOST_TEST(feed(tracker, jobEvent(MFX_EV_SCHEDULED, "created", kScheduledMs)).empty());
  BOOST_TEST(feed(tracker, jobEvent(MFX_EV_STARTED, "jobStart", kScheduledMs + 2000,
                                    {{"begin", "2026-12-07T10:00:02.000Z"}, {"pid", 999}}))
                 .empty());
  BOOST_TEST(tracker.openJobs() == 1u);
  auto spans = feed(tracker, jobEvent(MFX_EV_FINISHED, "jobDone", kScheduledMs + 5000,
                                      {{"begin", "2026-12-07T10:00:02.000Z"},
                                       {"end", "2026-12-07T10:00:05.250Z"},
                                       {"outcome", "success"},
                                       {"exitcode", 0}}));
  BOOST_TEST(tracker.openJobs() == 0u);
  BOOST_REQUIRE_EQUAL(spans.size(), 2u);
  const SpanData& job = spans[0];
  const SpanData& run = spans[1];
  BOOST_TEST(job.traceId == kTraceId);
  BOOST_TEST(job.spanId == kSpanId);
  BOOST_TEST(job.parentSpanId.empty());
  BOOST_TEST(job.startNs == kScheduledMs * kMs);
  BOOST_TEST(job.endNs == (kScheduledMs + 5250) * kMs);
  BOOST_TEST((job.status == SpanStatus::Ok));
  BOOST_TEST(run.traceId == kTraceId);
  BOOST_TEST(run.spanId == kRunSpanId);
  BOOST_TEST(run.parentSpanId == kSpanId);
  BOOST_TEST(run.startNs == (kScheduledMs + 2000) * kMs);
  BOOST_TEST(run.endNs == job.endNs);
  BOOST_TEST(std::get<std::string>(*attr(job, "multiflexi.company.code")) == "ACME");
  BOOST_TEST(std::get<std::string>(*attr(job, "multiflexi.runtemplate.name")) == "Daily import");
  BOOST_TEST(std::get<std::string>(*attr(job, "multiflexi.app.name")) == "Bank import");
  BOOST_TEST(std::get<std::string>(*attr(job, "multiflexi.executor")) == "native");
  BOOST_TEST(std::get<std::string>(*attr(job, "multiflexi.job.outcome")) == "success");
  BOOST_TEST(std::get<int64_t>(*attr(job, "process.exit.code")) == 0);
  BOOST_TEST(std::get<int64_t>(*attr(run, "process.pid")) == 999);
}

BOOST_AUTO_TEST_CASE(a_failed_job_has_error_status_with_its_exit_code) {
  JobTracker tracker(100);
  feed(tracker, jobEvent(MFX_EV_STARTED, "jobStart", kScheduledMs + 1000));
  auto spans = feed(tracker, jobEvent(MFX_EV_FINISHED, "jobDone", kScheduledMs + 3000,
                                      {{"outcome", "failed"}, {"exitcode", 3},
                                       {"exitcode_description", "Bank unreachable"}}));
  BOOST_REQUIRE_EQUAL(spans.size(), 2u);
  for (const auto& s : spans) {
    BOOST_TEST((s.status == SpanStatus::Error));
    BOOST_TEST(s.statusMessage == "job failed, exit code 3 (Bank unreachable)");
  }
  // Without a begin attribute the run starts at the STARTED event.
  BOOST_TEST(spans[1].startNs == (kScheduledMs + 1000) * kMs);
}

BOOST_AUTO_TEST_CASE(a_lost_job_is_exported_with_error_status) {
  JobTracker tracker(100);
  feed(tracker, jobEvent(MFX_EV_STARTED, "jobStart", kScheduledMs + 1000));
  auto spans = feed(tracker, jobEvent(MFX_EV_LOST, "lost", kScheduledMs + 60000));
  BOOST_REQUIRE_EQUAL(spans.size(), 2u);
  BOOST_TEST((spans[0].status == SpanStatus::Error));
  BOOST_TEST(spans[0].statusMessage == "job lost");
  BOOST_TEST(std::get<std::string>(*attr(spans[0], "multiflexi.job.outcome")) == "lost");
  BOOST_TEST(spans[1].endNs == (kScheduledMs + 60000) * kMs);
}

BOOST_AUTO_TEST_CASE(a_job_that_never_ran_has_no_run_span) {
  JobTracker tracker(100);
  feed(tracker, jobEvent(MFX_EV_SCHEDULED, "created", kScheduledMs));
  auto spans = feed(tracker, jobEvent(MFX_EV_FAILED_TO_START, "failedToStart", kScheduledMs + 10));
  BOOST_REQUIRE_EQUAL(spans.size(), 1u);
  BOOST_TEST(spans[0].statusMessage == "job failed_to_start");
  spans = feed(tracker, jobEvent(MFX_EV_CANCELLED, "cancelled", kScheduledMs + 20));
  BOOST_REQUIRE_EQUAL(spans.size(), 1u);
  BOOST_TEST((spans[0].status == SpanStatus::Error));
}

BOOST_AUTO_TEST_CASE(the_open_job_map_is_bounded_and_counts_what_it_forgets) {
  JobTracker tracker(3);
  for (int64_t id = 1; id <= 5; ++id) {
    auto ev = jobEvent(MFX_EV_STARTED, "jobStart", kScheduledMs);
    ev.jobId = id;
    feed(tracker, ev);
  }
  BOOST_TEST(tracker.openJobs() == 3u);
  BOOST_TEST(tracker.evicted() == 2u);
}

BOOST_AUTO_TEST_CASE(malformed_or_missing_ids_build_no_span_and_are_counted) {
  JobTracker tracker(10);
  for (const json& bad : {json{{"trace_id", "4BF92F3577B34DA6A3CE929D0E0E4736"}},  // upper case
                          json{{"trace_id", std::string(32, '0')}},                 // all zero
                          json{{"span_id", "00f067aa0ba902"}},                      // short
                          json{{"run_span_id", 17}},                                // wrong type
                          json{{"span_id", std::string("00f067aa\0ba902b7", 16)}}}) {
    BOOST_TEST(feed(tracker, jobEvent(MFX_EV_FINISHED, "jobDone", kScheduledMs, bad)).empty());
  }
  BOOST_TEST(tracker.withoutIds() == 5u);
}

BOOST_AUTO_TEST_CASE(rfc3339_times_parse_and_garbage_does_not) {
  BOOST_TEST(*parseRfc3339Ns("2026-12-07T10:00:00.000Z") == kScheduledMs * kMs);
  BOOST_TEST(*parseRfc3339Ns("2026-12-07T10:00:00.5Z") == kScheduledMs * kMs + 500000000);
  BOOST_TEST(*parseRfc3339Ns("2026-12-07T10:00:00Z") == kScheduledMs * kMs);
  for (const char* bad : {"", "yesterday", "2026-12-07 10:00:00Z", "2026-12-07T10:00:00+01:00",
                          "2026-13-07T10:00:00Z", "2026-12-07T10:00:00.12a4Z", "2026-12-07T25:00:00Z"})
    BOOST_TEST(!parseRfc3339Ns(bad).has_value(), bad);
}

BOOST_AUTO_TEST_SUITE_END()
