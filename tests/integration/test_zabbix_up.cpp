// End to end: `multiflexi up` with mfx_zabbix.so in its plugin directory runs
// jobs, and their discovery and job reports arrive in a REAL Zabbix 6.0
// server (read back from its PostgreSQL); with the trapper unreachable the
// jobs run as fast as ever and their values arrive once it answers.
// Needs the host's monitor dispatcher (issue 13 §1, branch `monitor`):
// without it no event reaches the plugin and this test fails.
#define BOOST_TEST_MODULE zabbix monitor under multiflexi up
#include <boost/test/unit_test.hpp>

#include "CliStore.h"
#include "Fixtures.h"
#include "test_zabbix_server.h"

#include <nlohmann/json.hpp>

#include <signal.h>

using namespace MultiFlexi::Testing;
using Json = nlohmann::json;
using namespace std::chrono_literals;

// The probe runs /bin/sh: its app_code is "sh"; the first template of a fresh store is 1.
const char* MultiFlexi::Testing::zabbixExtraItems() { return "job-[acme-sh-1]=text"; }


namespace {

struct UpFixture : MultiFlexi::Testing::CliStore {
  int64_t templateId = 0;
  UpFixture() {
    Json manifest = Json::parse(std::ifstream(MultiFlexi::Testing::appsDir() +
                                              "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json"));
    manifest["executable"] = "/bin/sh";
    manifest["cmdparams"] = "-c 'echo probe; exit {FORCE_EXITCODE}'";
    const std::string file = data.file("probe.multiflexi.app.json");
    std::ofstream(file) << manifest.dump();
    const int64_t app = json({"application:import-json", "--file", file})[0]["id"].get<int64_t>();
    json({"company:create", "--name", "ACME", "--slug", "acme"});
    templateId = json({"run-template:create", "--name", "probe", "--app_id", std::to_string(app), "--company", "acme",
                       "--interv", "n"})["id"]
                     .get<int64_t>();
  }
  int64_t runOnce(int exitCode) {
    return json({"run-template:schedule", "--id", std::to_string(templateId), "--env",
                 "FORCE_EXITCODE=" + std::to_string(exitCode)})["job_id"]
        .get<int64_t>();
  }
  std::string status(int64_t id) const { return json({"job:get", "--id", std::to_string(id)})["status"]; }
};

std::vector<Json> reportsOf(int64_t jobId) {
  std::vector<Json> out;
  for (const auto& v : zabbixServer()->textHistory("job-[acme-sh-1]")) {
    Json r = Json::parse(v);
    if (r.value("job_id", int64_t{0}) == jobId) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(jobs_run_by_up_reach_zabbix_even_after_it_was_unreachable, UpFixture,
                        *boost::unit_test::precondition(ZabbixUp{})) {
  BOOST_REQUIRE_MESSAGE(zabbixServer()->up(), zabbixServer()->error());
  BOOST_REQUIRE_EQUAL(templateId, 1);
  TrapperGate gate(zabbixServer()->trapperPort());  // closed: Zabbix unreachable
  auto e = env;
  e["ZABBIX_SERVER"] = "127.0.0.1:" + std::to_string(gate.port());
  e["ZABBIX_HOST"] = "multiflexi-test";
  e["ZABBIX_RETRY_MAX_MS"] = "1000";
  ChildProcess up(MFX_BINARY, withData({"up"}), e);
  BOOST_REQUIRE(up.waitForOutput("multiflexi up:", 10s));

  const auto begin = std::chrono::steady_clock::now();
  const int64_t whileDown = runOnce(7);
  BOOST_REQUIRE(eventually([&] { return status(whileDown) == "failed"; }, 10s));
  BOOST_TEST((std::chrono::steady_clock::now() - begin) < 5s);  // not slowed by the unreachable server
  BOOST_TEST(reportsOf(whileDown).empty());

  gate.open();
  BOOST_TEST(eventually([&] { return reportsOf(whileDown).size() >= 2; }));
  const int64_t whileUp = runOnce(0);
  BOOST_REQUIRE(eventually([&] { return status(whileUp) == "success"; }, 10s));
  BOOST_TEST(eventually([&] { return reportsOf(whileUp).size() >= 2; }));

  const auto down = reportsOf(whileDown);
  BOOST_REQUIRE_EQUAL(down.size(), 2u);
  BOOST_TEST(down[0]["phase"] == "jobStart");
  BOOST_TEST(down[1]["phase"] == "jobDone");
  BOOST_TEST(down[1]["exitcode"] == 7);
  BOOST_TEST(down[1]["company_code"] == "acme");
  const auto ok = reportsOf(whileUp);
  BOOST_REQUIRE_EQUAL(ok.size(), 2u);
  BOOST_TEST(ok[1]["exitcode"] == 0);
  // The discovery announced both jobs (the fixture's prototypes are per job id).
  for (int64_t id : {whileDown, whileUp})
    BOOST_TEST(eventually([&] {
      return zabbixServer()->sql("select count(*) from items where flags = 4 and key_ = 'multiflexi.job.exitcode[" +
                                 std::to_string(id) + "]'") == "1\n";
    }));

  up.signal(SIGTERM);
  BOOST_TEST(up.wait().exitCode == 0);
}
