// mfx_otel in the real daemon: `multiflexi up` loads the plugin, runs a job,
// and the OTLP receiver gets the job's trace with the ids of the
// TRACEPARENT the job saw (job span = its parent's parent, run span = the
// parent the application continues from), then MultiFlexi's metrics on
// shutdown. Needs the host's monitor delivery (issue 13 §1, branch monitor).
#define BOOST_TEST_MODULE otel_end_to_end
#include <boost/test/unit_test.hpp>

#include "ChildProcess.h"
#include "CliStore.h"
#include "Fixtures.h"
#include "OtlpReceiver.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>

#include <signal.h>

using MultiFlexi::Testing::ChildProcess;
using Json = nlohmann::json;
using namespace mfx::otel::testing;
using namespace std::chrono_literals;

namespace {

const std::string kProbe =
    MultiFlexi::Testing::appsDir() + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json";

struct OtelFixture : MultiFlexi::Testing::CliStore {
  OtlpReceiver receiver;
  int64_t templateId = 0;

  OtelFixture() {
    Json manifest = Json::parse(std::ifstream(kProbe));
    manifest["executable"] = "/bin/sh";
    manifest["cmdparams"] = "-c 'echo \"traceparent=$TRACEPARENT\"'";
    const std::string file = data.file("probe.multiflexi.app.json");
    std::ofstream(file) << manifest.dump();
    const int64_t app = json({"application:import-json", "--file", file})[0]["id"].get<int64_t>();
    json({"company:create", "--name", "Demo", "--slug", "demo"});
    templateId = json({"run-template:create", "--name", "traced", "--app_id", std::to_string(app), "--company",
                       "demo", "--interv", "n"})["id"]
                     .get<int64_t>();
    env["OTEL_ENABLED"] = "true";
    env["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.endpoint();
    env["OTEL_SERVICE_NAME"] = "multiflexi-test";
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(otel_end_to_end, OtelFixture)

BOOST_AUTO_TEST_CASE(the_jobs_trace_carries_the_traceparent_the_job_saw) {
  ChildProcess up(MFX_BINARY, withData({"up"}), env);
  BOOST_REQUIRE(up.waitForOutput("multiflexi up:", 10s));
  const int64_t id =
      json({"run-template:schedule", "--id", std::to_string(templateId)})["job_id"].get<int64_t>();
  Json job;
  for (auto end = std::chrono::steady_clock::now() + 20s; std::chrono::steady_clock::now() < end;) {
    job = json({"job:get", "--id", std::to_string(id)});
    if (job["status"] == "success" || job["status"] == "failed") break;
    std::this_thread::sleep_for(100ms);
  }
  BOOST_REQUIRE(job["status"] == "success");
  const std::string out = job["output"][0]["text"].get<std::string>();
  std::smatch m;
  BOOST_REQUIRE_MESSAGE(std::regex_search(out, m, std::regex("traceparent=00-([0-9a-f]{32})-([0-9a-f]{16})-01")),
                        "the job saw no TRACEPARENT: " << out);
  const std::string traceId = m[1], runSpanId = m[2];

  BOOST_REQUIRE(receiver.waitFor([](const auto& got) { return receivedSpans(got).size() >= 2; }, 15s));
  const auto spans = receivedSpans(receiver.received());
  const Json* run = nullptr;
  const Json* jobSpan = nullptr;
  for (const auto& s : spans) {
    if (s["spanId"] == runSpanId) run = &s;
  }
  BOOST_REQUIRE_MESSAGE(run, "no span with the TRACEPARENT's parent id " << runSpanId);
  BOOST_TEST((*run)["traceId"] == traceId);
  for (const auto& s : spans)
    if (s["spanId"] == (*run)["parentSpanId"]) jobSpan = &s;
  BOOST_REQUIRE(jobSpan);
  BOOST_TEST((*jobSpan)["traceId"] == traceId);
  BOOST_TEST(!jobSpan->contains("parentSpanId"));
  BOOST_TEST((*jobSpan)["status"]["code"] == 1);
  BOOST_TEST(attributeOf((*jobSpan)["attributes"], "multiflexi.job.id") == Json({{"intValue", std::to_string(id)}}));

  up.signal(SIGTERM);
  BOOST_TEST(up.wait().exitCode == 0);
  // flush at shutdown sends the interval's metrics.
  BOOST_TEST(receiver.waitFor([](const auto& got) { return !receivedMetrics(got).empty(); }, 5s));
  for (const auto& r : receiver.received())
    BOOST_TEST(r.violations.empty(), r.path << ": " << (r.violations.empty() ? "" : r.violations.front()));
}

BOOST_AUTO_TEST_SUITE_END()
