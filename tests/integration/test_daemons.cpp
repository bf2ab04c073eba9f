// The daemons as an operator runs them: `multiflexi up` runs a template on
// time and an ad-hoc run on request; an executor killed with SIGKILL leaves
// a job that the next executor ends as lost (its processes killed) and the
// template runs again; SIGTERM drains; job:cancel stops a job the executor
// daemon runs; settings come from an env file.
#define BOOST_TEST_MODULE daemons
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
using MultiFlexi::Testing::ProcessResult;
using Json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kProbe =
    MultiFlexi::Testing::appsDir() + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json";

bool alive(int64_t pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0; }


struct DaemonFixture : MultiFlexi::Testing::CliStore {
  int64_t templateId = 0;

  std::unique_ptr<ChildProcess> daemon(const std::string& command,
                                       const std::map<std::string, std::string>& extra = {}) const {
    auto e = env;
    e.insert(extra.begin(), extra.end());
    return std::make_unique<ChildProcess>(MFX_BINARY, withData({command}), e);
  }
  Json job(int64_t id) const { return json({"job:get", "--id", std::to_string(id)}); }
  int64_t schedule(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"run-template:schedule", "--id", std::to_string(templateId)};
    args.insert(args.end(), extra.begin(), extra.end());
    return json(args)["job_id"].get<int64_t>();
  }

  /// MultiFlexi's real probe manifest with its command adapted to /bin/sh,
  /// a company and a template running it every minute (PROBE_SLEEP from
  /// the template's configuration).
  DaemonFixture() {
    Json manifest = Json::parse(std::ifstream(kProbe));
    manifest["executable"] = "/bin/sh";
    manifest["cmdparams"] =
        "-c 'echo probe $MULTIFLEXI_JOB_ID; env | grep ^MULTIFLEXI_ > $RESULT_FILE; sleep {PROBE_SLEEP}; "
        "exit {FORCE_EXITCODE}'";
    const std::string file = data.file("probe.multiflexi.app.json");
    std::ofstream(file) << manifest.dump();
    const int64_t app = json({"application:import-json", "--file", file})[0]["id"].get<int64_t>();
    json({"company:create", "--name", "Demo", "--slug", "demo"});
    templateId = json({"run-template:create", "--name", "probe", "--app_id", std::to_string(app), "--company", "demo",
                       "--interv", "i", "--config", "PROBE_SLEEP=0"})["id"]
                     .get<int64_t>();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(daemons, DaemonFixture)

BOOST_AUTO_TEST_CASE(up_runs_the_template_on_time_and_ad_hoc_runs_on_request) {
  auto up = daemon("up");
  BOOST_REQUIRE(up->waitForOutput("multiflexi up:", 10s));
  // Created within the minute, the template's current slot is due at once.
  Json first;
  BOOST_REQUIRE(eventually([&] {
    first = json({"job:list", "--status", "success"});
    return !first.empty();
  }));
  BOOST_TEST(first[0]["schedule_type"] == "minutly");
  const int64_t scheduled = first[0]["id"].get<int64_t>();
  const Json artifacts = json({"artifact:list", "--job_id", std::to_string(scheduled)});
  BOOST_REQUIRE_EQUAL(artifacts.size(), 1u);
  BOOST_TEST(artifacts[0]["filename"] == "env_report.json");
  const Json report = json({"artifact:get", "--id", std::to_string(artifacts[0]["id"].get<int64_t>())});
  BOOST_TEST(report["content"].get<std::string>().find("MULTIFLEXI_JOB_ID=" + std::to_string(scheduled)) !=
             std::string::npos);

  // An ad-hoc run wakes the executor at once (the cycle pause is a minute).
  const int64_t adhoc = schedule({"--env", "FORCE_EXITCODE=7"});
  BOOST_REQUIRE(eventually([&] { return job(adhoc)["status"] == "failed"; }, 10s));
  const Json done = job(adhoc);
  BOOST_TEST(done["exitcode"] == 7);
  BOOST_TEST(done["schedule_type"] == "adhoc-cli");
  BOOST_TEST(done["output"][0]["text"] == "probe " + std::to_string(adhoc) + "\n");
  const Json status = json({"job:status"});
  BOOST_TEST(status["failed"].get<int>() >= 1);
  BOOST_TEST(status["success"].get<int>() >= 1);
  BOOST_TEST(json({"queue:list"}).empty());
  // The ad-hoc run left the template's bookkeeping alone.
  BOOST_TEST(json({"run-template:get", "--id", std::to_string(templateId)})["success_count"].get<int>() >= 1);

  up->signal(SIGTERM);
  BOOST_TEST(up->wait().exitCode == 0);
}

BOOST_AUTO_TEST_CASE(job_get_follow_streams_a_running_jobs_output_until_it_ends) {
  auto up = daemon("up");
  BOOST_REQUIRE(up->waitForOutput("multiflexi up:", 10s));
  const int64_t id = schedule({"--env", "PROBE_SLEEP=1"});
  BOOST_REQUIRE(eventually([&] { return job(id)["status"] == "running"; }));
  const ProcessResult follow = cli({"job:get", "--id", std::to_string(id), "--follow"});
  BOOST_TEST(follow.exitCode == 0);
  BOOST_TEST(follow.out == "probe " + std::to_string(id) + "\n");
  BOOST_TEST(follow.err.find("job " + std::to_string(id) + " success (exit code 0)") != std::string::npos);
  up->signal(SIGTERM);
  BOOST_TEST(up->wait().exitCode == 0);
}

BOOST_AUTO_TEST_CASE(an_executor_over_its_memory_limit_drains_and_exits) {
  auto executor = daemon("executor", {{"MULTIFLEXI_MEMORY_LIMIT_MB", "1"}});
  const ProcessResult r = executor->wait();
  BOOST_TEST(r.exitCode == 0);
  BOOST_TEST(r.err.find("reached MULTIFLEXI_MEMORY_LIMIT_MB=1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(schedule_refuses_an_inactive_template_and_names_it) {
  json({"run-template:update", "--id", std::to_string(templateId), "--active", "0"});
  const ProcessResult r = cli({"run-template:schedule", "--id", std::to_string(templateId)});
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("run template 'probe' (id " + std::to_string(templateId) + ") is inactive") !=
             std::string::npos);
  BOOST_TEST(json({"job:list"}).empty());
}

BOOST_AUTO_TEST_CASE(a_killed_executors_job_ends_lost_its_process_is_killed_and_the_template_runs_again) {
  json({"run-template:update", "--id", std::to_string(templateId), "--interv", "n", "--config", "PROBE_SLEEP=300"});
  const std::map<std::string, std::string> shortLease{{"MULTIFLEXI_LEASE_SECONDS", "1"}};
  auto first = daemon("executor", shortLease);
  const int64_t id = schedule();
  BOOST_REQUIRE(eventually([&] { return !job(id)["pid"].is_null(); }));
  const int64_t pid = job(id)["pid"].get<int64_t>();
  first->signal(SIGKILL);
  first->wait();
  BOOST_TEST(alive(pid));  // nothing stopped it yet
  BOOST_TEST(job(id)["status"] == "running");

  auto second = daemon("executor", shortLease);
  BOOST_REQUIRE(eventually([&] { return job(id)["status"] == "lost"; }));
  BOOST_TEST(job(id)["message"].get<std::string>().find("was still running and was killed") != std::string::npos);
  BOOST_TEST(eventually([&] { return !alive(pid); }));
  const int64_t again = schedule({"--env", "PROBE_SLEEP=0"});
  BOOST_TEST(eventually([&] { return job(again)["status"] == "success"; }));
  second->signal(SIGTERM);
  BOOST_TEST(second->wait().exitCode == 0);
}

BOOST_AUTO_TEST_CASE(sigterm_drains_then_cancels_and_leaves_nothing_running) {
  json({"run-template:update", "--id", std::to_string(templateId), "--interv", "n", "--config", "PROBE_SLEEP=300"});
  auto executor = daemon("executor", {{"MULTIFLEXI_SHUTDOWN_GRACE", "0.5"}});
  const int64_t id = schedule();
  BOOST_REQUIRE(eventually([&] { return !job(id)["pid"].is_null(); }));
  const int64_t pid = job(id)["pid"].get<int64_t>();
  executor->signal(SIGTERM);
  BOOST_TEST(executor->wait().exitCode == 0);
  BOOST_TEST(job(id)["status"] == "cancelled");
  BOOST_TEST(json({"job:list", "--status", "running"}).empty());
  BOOST_TEST(!alive(pid));
}

BOOST_AUTO_TEST_CASE(job_cancel_stops_a_job_the_executor_daemon_runs_and_cancels_a_pending_one) {
  json({"run-template:update", "--id", std::to_string(templateId), "--interv", "n", "--config", "PROBE_SLEEP=30"});
  // Claims nothing new for a minute on its own: the cancel's wake-up must reach it.
  auto executor = daemon("executor", {{"MULTIFLEXI_CYCLE_PAUSE", "60"}});
  const int64_t id = schedule();
  BOOST_REQUIRE(eventually([&] { return !job(id)["pid"].is_null(); }));
  const int64_t pid = job(id)["pid"].get<int64_t>();
  const Json requested = json({"job:cancel", "--id", std::to_string(id)});
  BOOST_TEST(requested["id"] == id);
  BOOST_TEST(requested["status"] == "running");
  BOOST_TEST(!requested["cancel_requested_at"].is_null());
  // Asking twice is fine while it runs; the woken executor may have ended it already.
  const ProcessResult twice = cli({"job:cancel", "--id", std::to_string(id)});
  BOOST_TEST((twice.exitCode == 0 || twice.err.find("has already ended (cancelled)") != std::string::npos), twice.err);
  BOOST_TEST(eventually([&] { return job(id)["status"] == "cancelled"; }, 5s));
  const Json cancelled = job(id);
  BOOST_TEST(cancelled["outcome"] == "cancelled");
  BOOST_TEST(cancelled["signal"] == SIGTERM);
  BOOST_TEST(cancelled["message"].get<std::string>().find("cancelled by ") == 0u);
  BOOST_TEST(eventually([&] { return !alive(pid); }, 5s));

  // A job due later is cancelled at once and never starts.
  const int64_t later = schedule({"--schedule_time", "2099-01-01T00:00:00Z"});
  const Json gone = json({"job:cancel", "--id", std::to_string(later)});
  BOOST_TEST(gone["status"] == "cancelled");
  BOOST_TEST(gone["pid"].is_null());
  BOOST_TEST(json({"queue:list"}).empty());

  // Ended, missing and malformed ids are refused with their reason.
  const ProcessResult ended = cli({"job:cancel", "--id", std::to_string(id)});
  BOOST_TEST(ended.exitCode == 1);
  BOOST_TEST(ended.err.find("has already ended (cancelled)") != std::string::npos, ended.err);
  const ProcessResult missing = cli({"job:cancel", "--id", "424242"});
  BOOST_TEST(missing.exitCode == 1);
  BOOST_TEST(missing.err.find("no job with id 424242") != std::string::npos, missing.err);
  BOOST_TEST(cli({"job:cancel", "--id", "-1"}).exitCode == 1);
  for (const std::string& bad : {std::string("abc"), std::string(""), std::string("99999999999999999999999"),
                                 std::string("1; DROP TABLE job; --")})
    BOOST_TEST(cli({"job:cancel", "--id", bad}).exitCode == 64, bad);
  BOOST_TEST(cli({"job:cancel"}).exitCode == 64);
  BOOST_TEST(json({"job:list"}).size() == 2u);
  executor->signal(SIGTERM);
  BOOST_TEST(executor->wait().exitCode == 0);
}

BOOST_AUTO_TEST_CASE(sigterm_stops_up_on_time_while_the_database_cannot_be_written) {
  json({"run-template:update", "--id", std::to_string(templateId), "--interv", "n", "--config", "PROBE_SLEEP=300"});
  auto up = daemon("up", {{"MULTIFLEXI_SHUTDOWN_GRACE", "1"}});
  const int64_t id = schedule();
  BOOST_REQUIRE(eventually([&] { return !job(id)["pid"].is_null(); }));
  const int64_t pid = job(id)["pid"].get<int64_t>();
  // Another process holds the write lock for 15 s: nothing can be recorded.
  ChildProcess holder("/usr/bin/sqlite3", {data.file("multiflexi.db"), "BEGIN IMMEDIATE;",
                                           ".shell echo locked; sleep 15", "ROLLBACK;"});
  BOOST_REQUIRE(holder.waitForOutput("locked", 10s));
  const auto stopAt = std::chrono::steady_clock::now();
  up->signal(SIGTERM);
  BOOST_TEST(up->wait().exitCode == 0);
  const auto stopping = std::chrono::steady_clock::now() - stopAt;
  // The grace (1 s), 2 s given to recording, a lock wait of at most 2 s, a margin.
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(stopping).count() < 8000);
  BOOST_TEST(!alive(pid));
  holder.wait();
}

BOOST_AUTO_TEST_CASE(settings_come_from_an_env_file_and_bad_ones_are_named) {
  const std::string good = data.file("good.env");
  std::ofstream(good) << "# one pass, as MultiFlexi's MULTIFLEXI_DAEMONIZE=false\nexport MULTIFLEXI_DAEMONIZE=\"false\"\n";
  const ProcessResult once = cli({"up", "-e", good});
  BOOST_TEST_MESSAGE(once.err);
  BOOST_TEST(once.exitCode == 0);
  BOOST_TEST(json({"job:list", "--status", "success"}).size() == 1u);

  const std::string bad = data.file("bad.env");
  std::ofstream(bad) << "MULTIFLEXI_MAX_PARALLEL=lots\n";
  const ProcessResult r = cli({"executor", "-e", bad});
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("MULTIFLEXI_MAX_PARALLEL: expected a whole number >= 0, got 'lots'") != std::string::npos);

  std::ofstream(bad) << "GOOD=1\nnot a setting\n";
  const ProcessResult broken = cli({"job:list", "-e", bad});
  BOOST_TEST(broken.exitCode == 1);
  BOOST_TEST(broken.err.find("env file " + bad + " line 2: expected KEY=VALUE") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
