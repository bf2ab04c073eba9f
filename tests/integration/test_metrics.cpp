// GET /metrics end to end: the real `multiflexi up` runs jobs of two
// companies' templates, the admin's scrape passes `promtool check metrics`,
// no caller gets 401, a viewer sees only his company; then a real Prometheus
// (Debian's 2.42, on a private storage directory and a free port) scrapes the
// host with a bearer token file and its query API answers a template's last
// outcome. Prometheus is stopped by its PID. Outside CI a machine without
// promtool and prometheus skips this loudly; with CI set it fails.
#define BOOST_TEST_MODULE metrics
#include <boost/test/unit_test.hpp>

#include "ChildProcess.h"
#include "CliStore.h"
#include "ContainerEngines.h"
#include "HttpExchange.h"

#include <Poco/URI.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include <signal.h>

using MultiFlexi::Testing::ChildProcess;
using MultiFlexi::Testing::ProcessResult;
using MultiFlexi::Testing::Reply;
using Json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kBase = "/api/VitexSoftware/MultiFlexi/1.0.0";

/// Precondition: promtool and prometheus are installed, or CI (where the test must fail instead).
struct PrometheusAvailable {
  boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
    if (MultiFlexi::Testing::inCi() || (std::filesystem::exists("/usr/bin/promtool") && std::filesystem::exists("/usr/bin/prometheus")))
      return true;
    boost::test_tools::assertion_result r(false);
    r.message() << "SKIPPED: needs promtool and prometheus (package prometheus; scripts/install-deps.sh --tests)";
    return r;
  }
};

struct MetricsFixture : MultiFlexi::Testing::CliStore {
  Poco::UInt16 port = MultiFlexi::Testing::freePort();
  std::unique_ptr<ChildProcess> up;
  std::string adminToken, viewerToken;
  int64_t failing = 0, passing = 0;

  MetricsFixture() {
    Json manifest = Json::parse(std::ifstream(MultiFlexi::Testing::probeManifest()));
    manifest["executable"] = "/bin/sh";
    manifest["cmdparams"] = "-c 'echo probe; exit {FORCE_EXITCODE}'";
    const std::string file = data.file("probe.multiflexi.app.json");
    std::ofstream(file) << manifest.dump();
    const std::string app = std::to_string(json({"application:import-json", "--file", file})[0]["id"].get<int64_t>());
    json({"company:create", "--name", "Alpha", "--slug", "alpha"});
    json({"company:create", "--name", "Beta", "--slug", "beta"});
    failing = json({"run-template:create", "--name", "failing \"import\"", "--app_id", app, "--company", "alpha",
                    "--interv", "n", "--config", "FORCE_EXITCODE=3"})["id"];
    passing = json({"run-template:create", "--name", "passing", "--app_id", app, "--company", "beta", "--interv", "c", "--cron", "0 0 1 1 *",
                    "--config", "FORCE_EXITCODE=0"})["id"];
    json({"user:create", "--login", "root", "--admin", "--password", "root-password"});
    json({"user:create", "--login", "bob", "--password", "bob-password"});
    json({"user-company:assign", "--user", "bob", "--company", "beta", "--role", "viewer"});
    adminToken = json({"token:create", "--user", "root"})["token"];
    viewerToken = json({"token:create", "--user", "bob"})["token"];

    auto e = env;
    e["MULTIFLEXI_LISTEN"] = "127.0.0.1:" + std::to_string(port);
    up = std::make_unique<ChildProcess>(MFX_BINARY, withData({"up"}), e);
    BOOST_REQUIRE(up->waitForOutput("the API:", 15s));
  }
  ~MetricsFixture() {
    if (up) {
      up->signal(SIGTERM);
      up->wait();
    }
  }

  Reply metrics(const std::string& token) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    std::map<std::string, std::string> headers;
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return MultiFlexi::Testing::exchange(session, "GET", kBase + "/metrics", "", headers);
  }
  /// Runs one job of each template and waits until both have ended.
  void runJobs() {
    for (int64_t id : {failing, failing, passing})
      json({"run-template:schedule", "--id", std::to_string(id)});
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    for (;;) {
      int ended = 0;
      for (const Json& job : json({"job:list"}))
        if (job["status"] != "pending" && job["status"] != "running") ++ended;
      if (ended == 3) break;
      BOOST_REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline, "the jobs did not end");
      std::this_thread::sleep_for(200ms);
    }
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(metrics, MetricsFixture)

BOOST_AUTO_TEST_CASE(the_scrape_passes_promtool_and_shows_each_caller_what_he_may_see,
                     *boost::unit_test::precondition(PrometheusAvailable())) {
  runJobs();
  const Reply anonymous = metrics("");
  BOOST_TEST(anonymous.status == 401);
  BOOST_TEST(metrics("mfx_not-a-token").status == 401);

  const Reply admin = metrics(adminToken);
  BOOST_TEST(admin.status == 200);
  BOOST_TEST(admin.headers.at("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
  const std::string& t = admin.body;
  const std::string failingLabels = "company=\"alpha\",template=\"" + std::to_string(failing) +
                                    "\",template_name=\"failing \\\"import\\\"\"";
  BOOST_TEST(t.find("multiflexi_runtemplate_runs_total{" + failingLabels + ",application=\"") != std::string::npos, t);
  BOOST_TEST(t.find("\",outcome=\"failed\"} 2\n") != std::string::npos, t);
  BOOST_TEST(t.find("multiflexi_job_launch_latency_seconds_count 3\n") != std::string::npos, t);
  BOOST_TEST(t.find("multiflexi_build_info{version=\"") != std::string::npos);
  BOOST_TEST(t.find("multiflexi_runtemplate_next_run_timestamp_seconds{company=\"beta\"") != std::string::npos, t);

  const std::string file = data.file("scrape.txt");
  std::ofstream(file) << t;
  const ProcessResult lint = MultiFlexi::Testing::run("/bin/sh", {"-c", "promtool check metrics < \"$0\"", file});
  BOOST_TEST(lint.exitCode == 0, lint.out << lint.err);
  BOOST_TEST(lint.out + lint.err == "", lint.out << lint.err);  // no lint remark either

  const Reply viewer = metrics(viewerToken);
  BOOST_TEST(viewer.status == 200);
  BOOST_TEST(viewer.body.find("alpha") == std::string::npos, viewer.body);
  BOOST_TEST(viewer.body.find("company=\"beta\"") != std::string::npos);
  BOOST_TEST(viewer.body.find("multiflexi_queue_depth") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_real_prometheus_scrapes_it_and_answers_the_last_outcome,
                     *boost::unit_test::precondition(PrometheusAvailable())) {
  runJobs();
  const std::string tokenFile = data.file("prometheus.token");
  std::ofstream(tokenFile) << adminToken;
  const Poco::UInt16 promPort = MultiFlexi::Testing::freePort();
  const std::string config = data.file("prometheus.yml");
  std::ofstream(config) << "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                           "scrape_configs:\n  - job_name: multiflexi\n"
                           "    metrics_path: " << kBase << "/metrics\n"
                           "    authorization:\n      credentials_file: " << tokenFile << "\n"
                           "    static_configs:\n      - targets: ['127.0.0.1:" << port << "']\n";
  ChildProcess prometheus("/usr/bin/prometheus",
                          {"--config.file=" + config, "--storage.tsdb.path=" + data.file("tsdb"),
                           "--web.listen-address=127.0.0.1:" + std::to_string(promPort)});
  Json answer;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  const std::string query = "multiflexi_runtemplate_last_outcome{template=\"" + std::to_string(failing) + "\"} == 1";
  for (;;) {
    std::this_thread::sleep_for(500ms);
    try {
      Poco::URI uri("/api/v1/query");
      uri.addQueryParameter("query", query);
      Poco::Net::HTTPClientSession session("127.0.0.1", promPort);
      const Reply r = MultiFlexi::Testing::exchange(session, "GET", uri.getPathAndQuery());
      if (r.status == 200) {
        answer = Json::parse(r.body);
        if (!answer["data"]["result"].empty()) break;
      }
    } catch (const Poco::Exception&) {  // not listening yet
    }
    if (std::chrono::steady_clock::now() > deadline) break;
  }
  prometheus.signal(SIGTERM);  // ours, by its PID
  const ProcessResult stopped = prometheus.wait();
  BOOST_REQUIRE_MESSAGE(!answer.is_null() && !answer["data"]["result"].empty(),
                        "Prometheus never had the series: " << answer.dump() << "\n" << stopped.err.substr(0, 4000));
  const Json& series = answer["data"]["result"][0];
  BOOST_TEST(series["metric"]["outcome"] == "failed");
  BOOST_TEST(series["metric"]["company"] == "alpha");
  BOOST_TEST(series["metric"]["template_name"] == "failing \"import\"");
  BOOST_TEST(series["metric"]["job"] == "multiflexi");
  BOOST_TEST(series["value"][1] == "1");
}

BOOST_AUTO_TEST_SUITE_END()
