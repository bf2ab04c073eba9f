// mfx_otel through the fake host: load, events -> spans and metrics at the
// receiver, flush bounded, on_event never blocking, the queue bound.
#include <boost/test/unit_test.hpp>

#include "JobEvents.h"
#include "OtelMonitor.h"
#include "OtlpReceiver.h"

#include <multiflexi/mfx_testing.hpp>

#include <memory>
#include <thread>

using namespace mfx::otel;
using namespace mfx::otel::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

namespace {

void enable(mfx::testing::FakeHost& host, const OtlpReceiver& receiver) {
  host.setConfig("OTEL_ENABLED", "true");
  host.setConfig("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
  host.setConfig("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20TOPSECRET");
  host.setConfig("OTEL_EXPORTER_OTLP_TIMEOUT", "1000");
}

/// Delivers a test event straight to a monitor object.
void deliver(OtelMonitor& monitor, const mfx::testing::TestJobEvent& t) {
  mfx_job_event ev{};
  ev.struct_size = sizeof ev;
  ev.kind = t.kind;
  ev.scope = mfx_scope{t.companyId, t.jobId};
  ev.runtemplate_id = t.runtemplateId;
  ev.app_uuid = mfx::str(t.appUuid);
  ev.executor_id = mfx::str(t.executorId);
  ev.timestamp_ms = t.timestampMs;
  ev.duration_ms = t.durationMs;
  ev.exit_code = t.exitCode;
  ev.attributes_json = mfx::str(t.attributesJson);
  monitor.onEvent(mfx::JobEventView(&ev));
}

const json* metricNamed(const std::vector<json>& metrics, const std::string& name) {
  for (const auto& m : metrics)
    if (m.value("name", "") == name) return &m;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(otel_monitor)

BOOST_AUTO_TEST_CASE(registers_the_otel_monitor_for_every_job_kind_and_heartbeat) {
  mfx::testing::FakeHost host;
  BOOST_REQUIRE_EQUAL(host.load(&mfx_plugin_init), MFX_OK);
  const auto probe = host.monitor("otel");
  for (int32_t kind : {MFX_EV_SCHEDULED, MFX_EV_STARTED, MFX_EV_FINISHED, MFX_EV_FAILED_TO_START,
                       MFX_EV_CANCELLED, MFX_EV_LOST, MFX_EV_HEARTBEAT})
    BOOST_TEST(probe.accepts(kind), kind);
}

BOOST_AUTO_TEST_CASE(disabled_it_idles_and_says_so_once) {
  mfx::testing::FakeHost host;
  BOOST_REQUIRE_EQUAL(host.load(&mfx_plugin_init), MFX_OK);
  const auto probe = host.monitor("otel");
  probe.send(jobEvent(MFX_EV_STARTED, "jobStart", kScheduledMs));
  probe.flush();
  std::size_t said = 0;
  for (const auto& l : host.logLines()) said += l.message.find("OpenTelemetry export is off") != std::string::npos;
  BOOST_TEST(said == 1u);
}

BOOST_AUTO_TEST_CASE(a_bad_setting_refuses_the_plugin_naming_the_key) {
  mfx::testing::FakeHost host;
  host.setConfig("OTEL_ENABLED", "true");
  host.setConfig("OTEL_EXPORTER_OTLP_HEADERS", "broken-TOPSECRET");
  BOOST_TEST(host.load(&mfx_plugin_init) != MFX_OK);
  BOOST_TEST(host.lastError().find("OTEL_EXPORTER_OTLP_HEADERS") != std::string::npos);
  BOOST_TEST(host.lastError().find("TOPSECRET") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_job_reaches_the_receiver_as_a_trace_and_as_metrics) {
  OtlpReceiver receiver;
  mfx::testing::FakeHost host;
  enable(host, receiver);
  BOOST_REQUIRE_EQUAL(host.load(&mfx_plugin_init), MFX_OK);
  const auto probe = host.monitor("otel");
  probe.send(jobEvent(MFX_EV_SCHEDULED, "created", kScheduledMs));
  probe.send(jobEvent(MFX_EV_STARTED, "jobStart", kScheduledMs + 1000, {{"begin", "2026-12-07T10:00:01.000Z"}}));
  auto done = jobEvent(MFX_EV_FINISHED, "jobDone", kScheduledMs + 4000,
                       {{"begin", "2026-12-07T10:00:01.000Z"}, {"end", "2026-12-07T10:00:04.000Z"},
                        {"outcome", "failed"}, {"exitcode", 2}});
  done.durationMs = 3000;
  done.exitCode = 2;
  probe.send(done);
  auto beat = mfx::testing::TestJobEvent{};
  beat.kind = MFX_EV_HEARTBEAT;
  beat.jobId = 0;
  beat.timestampMs = kScheduledMs + 5000;
  beat.attributesJson = R"({"host":"box","jobs_running":1,"applications":3,"companies":2,"runtemplates":5})";
  probe.send(beat);
  const auto started = Clock::now();
  probe.flush();
  BOOST_TEST((Clock::now() - started < 5s));

  const auto got = receiver.received();
  for (const auto& r : got) {
    BOOST_TEST(r.violations.empty(), r.path << ": " << (r.violations.empty() ? "" : r.violations.front()));
    BOOST_TEST(r.headers.at("authorization") == "Bearer TOPSECRET");
  }
  const auto spans = receivedSpans(got);
  BOOST_REQUIRE_EQUAL(spans.size(), 2u);
  BOOST_TEST(spans[0]["traceId"] == kTraceId);
  BOOST_TEST(spans[0]["spanId"] == kSpanId);
  BOOST_TEST(spans[1]["spanId"] == kRunSpanId);
  BOOST_TEST(spans[1]["parentSpanId"] == kSpanId);
  BOOST_TEST(spans[0]["status"]["code"] == 2);
  BOOST_TEST(attributeOf(spans[0]["attributes"], "multiflexi.company.code") == json({{"stringValue", "ACME"}}));

  const auto metrics = receivedMetrics(got);
  const json* total = metricNamed(metrics, "multiflexi.jobs.total");
  BOOST_REQUIRE(total);
  BOOST_TEST((*total)["sum"]["dataPoints"][0]["asInt"] == "1");
  BOOST_REQUIRE(metricNamed(metrics, "multiflexi.jobs.failed"));
  BOOST_TEST(!metricNamed(metrics, "multiflexi.jobs.success"));
  const json* duration = metricNamed(metrics, "multiflexi.job.duration");
  BOOST_REQUIRE(duration);
  BOOST_TEST((*duration)["histogram"]["dataPoints"][0]["sum"] == 3.0);
  const json* running = metricNamed(metrics, "multiflexi.jobs.running");
  BOOST_REQUIRE(running);
  BOOST_TEST((*running)["gauge"]["dataPoints"][0]["asInt"] == "1");
  BOOST_TEST(!host.logged("TOPSECRET"));
}

BOOST_AUTO_TEST_CASE(metrics_are_exported_periodically_without_flush) {
  OtlpReceiver receiver;
  mfx::testing::FakeHost host;
  enable(host, receiver);
  host.setConfig("OTEL_METRIC_EXPORT_INTERVAL", "200");
  BOOST_REQUIRE_EQUAL(host.load(&mfx_plugin_init), MFX_OK);
  host.monitor("otel").send(jobEvent(MFX_EV_STARTED, "jobStart", kScheduledMs));
  BOOST_TEST(receiver.waitFor([](const auto& got) { return !receivedMetrics(got).empty(); }, 3s));
}

BOOST_AUTO_TEST_CASE(a_hung_collector_never_blocks_events_and_flush_is_bounded) {
  OtlpReceiver hung;
  for (int i = 0; i < 50; ++i) hung.script({200, "{}", "", 3000ms});
  mfx::testing::FakeHost host;
  enable(host, hung);
  host.setConfig("OTEL_BSP_MAX_QUEUE_SIZE", "4");
  OtelMonitor monitor(mfx::Host(host.api(), host.ctx()), "0.1.0");
  BOOST_REQUIRE(monitor.exporter());
  const auto started = Clock::now();
  for (int64_t id = 1; id <= 200; ++id) {
    auto ev = jobEvent(MFX_EV_FINISHED, "jobDone", kScheduledMs, {{"begin", "2026-12-07T10:00:00.000Z"}});
    ev.jobId = id;
    deliver(monitor, ev);
  }
  BOOST_TEST((Clock::now() - started < 2s));  // one blocked send would take 3 s
  const ExporterStats stats = monitor.exporter()->stats();
  BOOST_TEST(stats.eventsDropped > 0u);
  BOOST_TEST(stats.eventsQueued + stats.eventsDropped == 200u);
  const auto flushStarted = Clock::now();
  monitor.flush();
  BOOST_TEST((Clock::now() - flushStarted <= 5s));
  // The exporter logs the drops when it next takes the queue (after the send in flight).
  const auto logDeadline = Clock::now() + 15s;
  while (!host.logged("dropped") && Clock::now() < logDeadline) std::this_thread::sleep_for(50ms);
  BOOST_TEST(host.logged("dropped"));
}

BOOST_AUTO_TEST_CASE(a_stop_during_sends_to_a_hung_collector_starts_no_further_batch) {
  OtlpReceiver hung;
  for (int i = 0; i < 100; ++i) hung.script({200, "{}", "", 3000ms});
  mfx::testing::FakeHost host;
  enable(host, hung);  // each request gives up after 1 s
  host.setConfig("OTEL_BSP_MAX_QUEUE_SIZE", "10000");
  auto monitor = std::make_unique<OtelMonitor>(mfx::Host(host.api(), host.ctx()), "0.1.0");
  BOOST_REQUIRE(monitor->exporter());
  for (int64_t id = 1; id <= 5000; ++id) {  // ten batches of spans
    auto ev = jobEvent(MFX_EV_FINISHED, "jobDone", kScheduledMs, {{"begin", "2026-12-07T10:00:00.000Z"}});
    ev.jobId = id;
    deliver(*monitor, ev);
  }
  std::this_thread::sleep_for(300ms);  // the exporter is sending its first batch
  const auto stopped = Clock::now();
  monitor.reset();
  // The request in flight (1 s) and the final pass (3 s), with room for a
  // slow (sanitized) build; batch after batch would take 10 s more.
  BOOST_TEST((Clock::now() - stopped < 9s));
}

BOOST_AUTO_TEST_CASE(attributes_that_are_not_json_objects_are_counted_not_fatal) {
  OtlpReceiver receiver;
  mfx::testing::FakeHost host;
  enable(host, receiver);
  OtelMonitor monitor(mfx::Host(host.api(), host.ctx()), "0.1.0");
  for (const std::string& bad : {std::string("not json"), std::string("[1]"), std::string("{\"a\":\0}", 7),
                                 std::string(1 << 20, '['), std::string("\"' OR 1=1\"")}) {
    auto ev = jobEvent(MFX_EV_FINISHED, "jobDone", kScheduledMs);
    ev.attributesJson = bad;
    deliver(monitor, ev);
  }
  monitor.flush();
  // Parsing a megabyte of '[' may outlast flush's bound on a slow (sanitized) build.
  const auto deadline = Clock::now() + 30s;
  const auto allRead = [&] {
    const ExporterStats st = monitor.exporter()->stats();
    return st.badAttributes >= 5u && st.jobsWithoutIds >= 5u;
  };
  while (!allRead() && Clock::now() < deadline) std::this_thread::sleep_for(50ms);
  const ExporterStats stats = monitor.exporter()->stats();
  BOOST_TEST(stats.badAttributes == 5u);
  BOOST_TEST(stats.jobsWithoutIds == 5u);
  BOOST_TEST(receivedSpans(receiver.received()).empty());
}

BOOST_AUTO_TEST_SUITE_END()
