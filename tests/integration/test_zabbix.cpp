// mfx_zabbix.so, loaded as the host loads it (dlopen), against a REAL Zabbix
// 6.0 server: the discovery creates items, the job values land in
// history_text, and values sent while the server is unreachable arrive
// once it answers again. Read back from Zabbix's own PostgreSQL.
#define BOOST_TEST_MODULE zabbix plugin against a real Zabbix server
#include <boost/test/unit_test.hpp>

#include "test_zabbix_server.h"

#include <multiflexi/mfx_testing.hpp>

#include <nlohmann/json.hpp>

#include <dlfcn.h>

using mfx::testing::TestJobEvent;
using namespace MultiFlexi::Testing;
using Json = nlohmann::json;
using namespace std::chrono_literals;

const char* MultiFlexi::Testing::zabbixExtraItems() { return "job-[acme-demo-7]=text job-[acme-demo-8]=text"; }


namespace {

mfx_plugin_init_fn pluginInit() {
  const std::string path = std::string(MFX_PLUGIN_DIR) + "/mfx_zabbix.so";
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  BOOST_REQUIRE_MESSAGE(handle != nullptr, "dlopen " << path << ": " << ::dlerror());
  auto init = reinterpret_cast<mfx_plugin_init_fn>(::dlsym(handle, MFX_PLUGIN_INIT_SYMBOL));
  BOOST_REQUIRE(init != nullptr);
  return init;
}

TestJobEvent event(int32_t kind, int64_t jobId, int64_t rt, const std::string& phase, const std::string& extra = "") {
  TestJobEvent e;
  e.kind = kind;
  e.jobId = jobId;
  e.runtemplateId = rt;
  e.timestampMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
  e.attributesJson = R"({"phase":")" + phase + R"(","job_id":)" + std::to_string(jobId) +
                     R"(,"runtemplate_id":)" + std::to_string(rt) +
                     R"(,"company_id":1,"company_code":"acme","company_name":"ACME","app_code":"demo",)"
                     R"("app_name":"Demo","interval":"h","interval_seconds":3600)" + extra + "}";
  return e;
}

struct Plugin {
  mfx::testing::FakeHost host;
  explicit Plugin(uint16_t port) {
    host.setConfig("ZABBIX_SERVER", "127.0.0.1:" + std::to_string(port));
    host.setConfig("ZABBIX_HOST", "multiflexi-test");
    host.setConfig("ZABBIX_BATCH_INTERVAL_MS", "100");
    host.setConfig("ZABBIX_RETRY_MIN_MS", "100");
    host.setConfig("ZABBIX_RETRY_MAX_MS", "500");
    host.setConfig("ZABBIX_LLD_RETRY_DELAY_MS", "3000");
    BOOST_REQUIRE_EQUAL(host.load(pluginInit()), MFX_OK);
  }
  void send(const TestJobEvent& e) const { BOOST_REQUIRE(host.monitor("zabbix").send(e)); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(discovery_and_job_values_reach_zabbix, *boost::unit_test::precondition(ZabbixUp{})) {
  BOOST_REQUIRE_MESSAGE(zabbixServer()->up(), zabbixServer()->error());
  const auto& zbx = *zabbixServer();
  Plugin p(zbx.trapperPort());
  p.send(event(MFX_EV_SCHEDULED, 101, 7, "created"));
  p.send(event(MFX_EV_STARTED, 101, 7, "jobStart", R"(,"pid":4242)"));
  p.send(event(MFX_EV_FINISHED, 101, 7, "jobDone",
               R"(,"exitcode":3,"exitcode_description":"Undocumented","data":"{\"rows\":12}")"));
  p.host.monitor("zabbix").flush();

  // The LLD row created the fixture's prototypes for job 101.
  BOOST_TEST(eventually([&] {
    return zbx.sql("select count(*) from items where flags = 4 and key_ in ('multiflexi.job.exitcode[101]',"
                   "'multiflexi.job.duration[101]','multiflexi.job.success[101]')") == "3\n";
  }));
  std::vector<std::string> values;
  BOOST_TEST(eventually([&] { return (values = zbx.textHistory("job-[acme-demo-7]")).size() >= 2; }));
  BOOST_REQUIRE_EQUAL(values.size(), 2u);
  const Json start = Json::parse(values[0]);
  const Json done = Json::parse(values[1]);
  BOOST_TEST(start["phase"] == "jobStart");
  BOOST_TEST(start["pid"] == 4242);
  BOOST_TEST(done["phase"] == "jobDone");
  BOOST_TEST(done["exitcode"] == 3);
  BOOST_TEST(done["data"] == "{\"rows\":12}");
  BOOST_TEST(done["job_id"] == 101);
}

BOOST_AUTO_TEST_CASE(values_sent_while_zabbix_is_unreachable_arrive_when_it_answers,
                     *boost::unit_test::precondition(ZabbixUp{})) {
  BOOST_REQUIRE_MESSAGE(zabbixServer()->up(), zabbixServer()->error());
  const auto& zbx = *zabbixServer();
  TrapperGate gate(zbx.trapperPort());  // closed: nothing listens
  Plugin p(gate.port());
  const auto begin = std::chrono::steady_clock::now();
  p.send(event(MFX_EV_SCHEDULED, 201, 8, "created"));
  p.send(event(MFX_EV_STARTED, 201, 8, "jobStart"));
  p.send(event(MFX_EV_FINISHED, 201, 8, "jobDone", R"(,"exitcode":0)"));
  BOOST_TEST((std::chrono::steady_clock::now() - begin) < 200ms);  // the job was not slowed
  std::this_thread::sleep_for(1500ms);
  BOOST_TEST(zbx.textHistory("job-[acme-demo-8]").empty());
  BOOST_TEST(p.host.logged("cannot send"));
  gate.open();
  std::vector<std::string> values;
  BOOST_TEST(eventually([&] { return (values = zbx.textHistory("job-[acme-demo-8]")).size() >= 2; }));
  BOOST_REQUIRE_EQUAL(values.size(), 2u);
  BOOST_TEST(Json::parse(values[0])["phase"] == "jobStart");
  BOOST_TEST(Json::parse(values[1])["phase"] == "jobDone");
  BOOST_TEST(eventually([&] {
    return zbx.sql("select count(*) from items where flags = 4 and key_ = 'multiflexi.job.exitcode[201]'") == "1\n";
  }));
}

BOOST_AUTO_TEST_CASE(values_for_an_unknown_host_are_rejected_and_logged, *boost::unit_test::precondition(ZabbixUp{})) {
  BOOST_REQUIRE_MESSAGE(zabbixServer()->up(), zabbixServer()->error());
  Plugin p(zabbixServer()->trapperPort());
  p.send(event(MFX_EV_SCHEDULED, 301, 9, "created", R"(,"company_zabbix_host":"no-such-host")"));
  p.host.monitor("zabbix").flush();
  BOOST_TEST(p.host.logged("rejected 1 of 1 values"));
  BOOST_TEST(p.host.logged("no-such-host"));
}
