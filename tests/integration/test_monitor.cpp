// Job events reach monitor plugins through the real `up`: the recording
// test monitor (tests/fixtures/plugins/recording_monitor.cpp) writes what it
// receives as JSON lines. One pass: SCHEDULED, STARTED, FINISHED in order
// with their attributes, a failing job with its exit code's text, the
// TRACEPARENT the job saw matching the event's ids, the flush at the end.
// Daemon mode: a job cancelled while it runs, heartbeats, and a hung monitor
// (it sleeps in on_event) that neither slows the jobs nor the recorder, its
// drops counted in plugin:list.
#define BOOST_TEST_MODULE monitor_events
#include <boost/test/unit_test.hpp>

#include "ChildProcess.h"
#include "CliStore.h"
#include "Eventually.h"
#include "Fixtures.h"
#include "TempDir.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <thread>

#include <signal.h>

using MultiFlexi::Testing::ChildProcess;
using MultiFlexi::Testing::eventually;
using Json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kProbe =
    MultiFlexi::Testing::appsDir() + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json";


struct MonitorFixture : MultiFlexi::Testing::CliStore {
  int64_t templateId = 0;
  std::string events;

  MonitorFixture() {
    events = data.file("events.jsonl");
    // Read by the plugin through config_get: not a plugins.* key, so the host's environment.
    env["MFX_RECORDER_FILE"] = events;
    env["MULTIFLEXI_PLUGIN_DIRS"] = std::string(MFX_PLUGIN_DIR) + ":" + MFX_MONITOR_PLUGIN_DIR;
    Json manifest = Json::parse(std::ifstream(kProbe));
    manifest["executable"] = "/bin/sh";
    manifest["cmdparams"] =
        "-c 'env | grep -E \"^(MULTIFLEXI_JOB_ID|TRACEPARENT)=\" > $RESULT_FILE; sleep {PROBE_SLEEP}; "
        "exit {FORCE_EXITCODE}'";
    manifest["exitCodes"] = {{"7", {{"description", {{"en", "Forced failure"}, {"cs", "Vynucená chyba"}}}}}};
    const std::string file = data.file("probe.multiflexi.app.json");
    std::ofstream(file) << manifest.dump();
    const int64_t app = json({"application:import-json", "--file", file})[0]["id"].get<int64_t>();
    json({"company:create", "--name", "Demo", "--slug", "demo", "--zabbix_host", "demo.example"});
    templateId = json({"run-template:create", "--name", "probe", "--app_id", std::to_string(app), "--company", "demo",
                       "--interv", "i", "--config", "PROBE_SLEEP=0"})["id"]
                     .get<int64_t>();
  }

  int64_t schedule(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"run-template:schedule", "--id", std::to_string(templateId)};
    args.insert(args.end(), extra.begin(), extra.end());
    return json(args)["job_id"].get<int64_t>();
  }
  std::unique_ptr<ChildProcess> up(const std::map<std::string, std::string>& extra = {}) const {
    auto e = env;
    e.insert(extra.begin(), extra.end());
    return std::make_unique<ChildProcess>(MFX_BINARY, withData({"up"}), e);
  }
  /// Every line the recorder wrote.
  std::vector<Json> recorded() const {
    std::vector<Json> out;
    std::ifstream in(events);
    for (std::string line; std::getline(in, line);) out.push_back(Json::parse(line));
    return out;
  }
  /// The events of job `id`, in the order received.
  std::vector<Json> eventsOf(int64_t id) const {
    std::vector<Json> out;
    for (const Json& e : recorded())
      if (e.contains("job_id") && e["job_id"] == id) out.push_back(e);
    return out;
  }
  Json monitorComponent(const std::string& id) {
    const Json list = json({"plugin:list"});  // kept: a range over a temporary's member dangles
    for (const Json& plugin : list["plugins"])
      for (const Json& c : plugin["components"])
        if (c["kind"] == "monitor" && c["id"] == id) return c;
    BOOST_FAIL("monitor " + id + " not listed");
    return {};
  }
};

std::vector<int> kinds(const std::vector<Json>& events) {
  std::vector<int> out;
  for (const Json& e : events) out.push_back(e["kind"].get<int>());
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(monitor_events, MonitorFixture)

BOOST_AUTO_TEST_CASE(one_pass_delivers_the_lifecycle_in_order_with_attributes) {
  const int64_t failing = schedule({"--env", "FORCE_EXITCODE=7"});
  auto pass = up({{"MULTIFLEXI_DAEMONIZE", "false"}});
  const auto result = pass->wait();
  BOOST_REQUIRE_MESSAGE(result.exitCode == 0, result.err);
  const Json jobs = json({"job:list"});
  BOOST_REQUIRE_EQUAL(jobs.size(), 2u);
  int64_t slotJob = 0;
  for (const Json& j : jobs)
    if (j["id"] != failing) slotJob = j["id"].get<int64_t>();

  // The scheduler's job: created by the scheduler, started, done.
  const auto done = eventsOf(slotJob);
  BOOST_REQUIRE_EQUAL(done.size(), 3u);
  BOOST_TEST((kinds(done) == std::vector<int>{1, 2, 3}));
  const Json& end = done[2];
  const Json& a = end["attributes"];
  BOOST_TEST(done[0]["attributes"]["phase"] == "created");
  BOOST_TEST(done[1]["attributes"]["phase"] == "jobStart");
  BOOST_TEST(a["phase"] == "jobDone");
  BOOST_TEST(a["outcome"] == "success");
  BOOST_TEST(a["exitcode"] == 0);
  BOOST_TEST(a["exitcode_description"] == "Undocumented");
  BOOST_TEST(a["company_code"] == "demo");
  BOOST_TEST(a["company_zabbix_host"] == "demo.example");
  BOOST_TEST(a["runtemplate_name"] == "probe");
  BOOST_TEST(a["app_uuid"] == "775ed801-2489-4981-bc14-d8a01cba1938");
  BOOST_TEST(a["app_code"] == "sh");
  BOOST_TEST(a["launched_by"] == "cron");
  BOOST_TEST(a["interval"] == "i");
  BOOST_TEST(a["executor"] == "native");
  BOOST_TEST(a.contains("begin"));
  BOOST_TEST(a.contains("end"));
  BOOST_TEST(end["exit_code"] == 0);
  BOOST_TEST(end["executor"] == "native");
  BOOST_TEST(end["company_id"] == 1);
  BOOST_TEST(end["runtemplate_id"] == templateId);
  // Every event of the job names the same trace; the job saw its run span.
  for (const Json& e : done) BOOST_TEST(e["attributes"]["trace_id"] == a["trace_id"]);
  const std::string resultData = a["data"].get<std::string>();
  BOOST_TEST(resultData.find("MULTIFLEXI_JOB_ID=" + std::to_string(slotJob)) != std::string::npos);
  const std::string traceparent =
      "TRACEPARENT=00-" + a["trace_id"].get<std::string>() + "-" + a["run_span_id"].get<std::string>() + "-01";
  BOOST_TEST(resultData.find(traceparent) != std::string::npos, resultData);

  // The ad-hoc job: announced when claimed, failed with its exit code's text.
  const auto failed = eventsOf(failing);
  BOOST_TEST((kinds(failed) == std::vector<int>{1, 2, 3}));
  BOOST_REQUIRE_EQUAL(failed.size(), 3u);
  BOOST_TEST(failed[2]["attributes"]["outcome"] == "failed");
  BOOST_TEST(failed[2]["attributes"]["exitcode"] == 7);
  BOOST_TEST(failed[2]["attributes"]["exitcode_description"] == "Forced failure");
  BOOST_TEST(failed[2]["attributes"]["schedule_type"] == "adhoc-cli");
  BOOST_TEST(failed[2]["exit_code"] == 7);

  // Flushed once, last.
  const auto all = recorded();
  BOOST_REQUIRE(!all.empty());
  BOOST_TEST(all.back() == Json({{"flush", true}}));
  const Json recorder = monitorComponent("recorder");
  BOOST_TEST(recorder["delivered"] == 6);
  BOOST_TEST(recorder["dropped"] == 0);
  BOOST_TEST(recorder["failed"] == 0);
}

BOOST_AUTO_TEST_CASE(a_hung_monitor_slows_no_job_and_its_drops_are_counted) {
  env["MFX_SLEEPER_MS"] = "600000";  // "sleeper" hangs in its first call (plugin:list registers it too)
  auto daemon = up({{"MULTIFLEXI_MONITOR_QUEUE", "6"},
                    {"MULTIFLEXI_MONITOR_HEARTBEAT", "1"},
                    {"MULTIFLEXI_SHUTDOWN_GRACE", "2"}});
  BOOST_REQUIRE(daemon->waitForOutput("multiflexi up:", 10s));
  // Heartbeats arrive with the inventory.
  BOOST_REQUIRE(eventually([&] {
    for (const Json& e : recorded())
      if (e.value("kind", 0) == 7) return true;
    return false;
  }));
  for (const Json& e : recorded())
    if (e.value("kind", 0) == 7) {
      BOOST_TEST(e["attributes"]["daemon"] == "up");
      BOOST_TEST(e["attributes"]["companies"] == 1);
      BOOST_TEST(e["attributes"]["runtemplates"] == 1);
      BOOST_TEST(e["job_id"] == 0);
      break;
    }

  // Jobs one after another run at their normal pace.
  const auto began = std::chrono::steady_clock::now();
  std::vector<int64_t> ids;
  for (int i = 0; i < 4; ++i) {
    ids.push_back(schedule());
    BOOST_REQUIRE(eventually([&] { return json({"job:get", "--id", std::to_string(ids.back())})["status"] == "success"; }, 10s));
  }
  BOOST_TEST((std::chrono::steady_clock::now() - began < 15s));
  for (int64_t id : ids) BOOST_TEST(eventually([&] { return eventsOf(id).size() == 3u; }, 5s), "job " << id);

  // Cancelled while it runs.
  const int64_t slow = schedule({"--env", "PROBE_SLEEP=30"});
  BOOST_REQUIRE(eventually([&] { return eventsOf(slow).size() == 2u; }));
  json({"job:cancel", "--id", std::to_string(slow)});
  BOOST_REQUIRE(eventually([&] { return eventsOf(slow).size() == 3u; }));
  const Json cancelled = eventsOf(slow)[2];
  BOOST_TEST(cancelled["kind"] == 5);
  BOOST_TEST(cancelled["attributes"]["phase"] == "cancelled");
  BOOST_TEST(cancelled["attributes"]["outcome"] == "cancelled");

  // plugin:list reads the counts the daemon keeps in the run directory.
  BOOST_REQUIRE(eventually([&] { return monitorComponent("sleeper")["dropped"].get<int>() > 0; }, 10s));
  const Json recorder = monitorComponent("recorder");
  BOOST_TEST(recorder["dropped"] == 0);
  BOOST_TEST(recorder["delivered"].get<int>() >= 15);
  const auto text = cli({"plugin:list"});
  BOOST_TEST(text.out.find("monitor:sleeper (delivered 0, dropped ") != std::string::npos, text.out);

  // Stopping gives up on the hung monitor after the drain's grace.
  const auto stopAsked = std::chrono::steady_clock::now();
  daemon->signal(SIGTERM);
  const auto result = daemon->wait();
  BOOST_TEST(result.exitCode == 0);
  BOOST_TEST((std::chrono::steady_clock::now() - stopAsked < 20s));
  BOOST_TEST(result.err.find("monitor sleeper: still in a call") != std::string::npos, result.err);
  BOOST_TEST(recorded().back() == Json({{"flush", true}}));
}

BOOST_AUTO_TEST_SUITE_END()
