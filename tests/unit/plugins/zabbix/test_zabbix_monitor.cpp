#define BOOST_TEST_MODULE zabbix monitor
#include <boost/test/unit_test.hpp>

#include "FakeTrapper.h"
#include "ZabbixMonitor.h"

#include <multiflexi/mfx_testing.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>

using MultiFlexi::Testing::FakeTrapper;
using mfx::testing::TestJobEvent;
using nlohmann::json;
using namespace std::chrono_literals;

extern "C" mfx_rc mfx_plugin_init(const mfx_host_api*, mfx_host_ctx*, mfx_status*);

namespace {

using Clock = std::chrono::steady_clock;

TestJobEvent scheduled(int64_t jobId) {
  TestJobEvent e;
  e.kind = MFX_EV_SCHEDULED;
  e.jobId = jobId;
  e.runtemplateId = 7;
  e.attributesJson = R"({"phase":"created","job_id":)" + std::to_string(jobId) +
                     R"(,"runtemplate_id":7,"company_code":"acme","app_code":"demo"})";
  return e;
}

TestJobEvent started(int64_t jobId) {
  TestJobEvent e = scheduled(jobId);
  e.kind = MFX_EV_STARTED;
  e.attributesJson = R"({"phase":"jobStart","job_id":)" + std::to_string(jobId) +
                     R"(,"runtemplate_id":7,"company_code":"acme","app_code":"demo"})";
  return e;
}

// Job ids of the values in a request, in order.
std::vector<int64_t> jobIds(const std::string& request) {
  std::vector<int64_t> ids;
  const json doc = json::parse(request);
  for (const auto& v : doc["data"]) {
    const json value = json::parse(v["value"].get<std::string>());
    ids.push_back(value.is_array() ? std::stoll(value[0]["{#JOB_ID}"].get<std::string>())
                                   : value["job_id"].get<int64_t>());
  }
  return ids;
}

std::vector<int64_t> allJobIds(const FakeTrapper& t) {
  std::vector<int64_t> ids;
  for (const auto& r : t.requests())
    for (auto id : jobIds(r)) ids.push_back(id);
  return ids;
}

struct Plugin {
  mfx::testing::FakeHost host;
  explicit Plugin(const std::map<std::string, std::string>& config) {
    for (const auto& [k, v] : config) host.setConfig(k, v);
    BOOST_REQUIRE_EQUAL(host.load(&mfx_plugin_init), MFX_OK);
  }
  mfx::testing::MonitorProbe monitor() const { return host.monitor("zabbix"); }
  /// The monitor object itself, for its (thread-safe) counters.
  const mfx::zabbix::ZabbixMonitor& zabbix() const {
    auto* box = static_cast<mfx::detail::MonitorBox*>(monitor().table().type_data);
    return dynamic_cast<const mfx::zabbix::ZabbixMonitor&>(*box->impl);
  }
  bool waitFor(const std::function<bool(const mfx::zabbix::ZabbixCounters&)>& done) const {
    for (auto until = std::chrono::steady_clock::now() + 5s; std::chrono::steady_clock::now() < until;
         std::this_thread::sleep_for(10ms))
      if (done(zabbix().counters())) return true;
    return false;
  }
};

std::map<std::string, std::string> to(uint16_t port, std::map<std::string, std::string> more = {}) {
  more["ZABBIX_SERVER"] = "127.0.0.1:" + std::to_string(port);
  more.emplace("ZABBIX_HOST", "mfx-test");
  more.emplace("ZABBIX_RETRY_MIN_MS", "50");
  more.emplace("ZABBIX_RETRY_MAX_MS", "200");
  more.emplace("ZABBIX_CONNECT_TIMEOUT_MS", "500");
  more.emplace("ZABBIX_TIMEOUT_MS", "500");
  return more;
}

uint16_t closedPort() {
  FakeTrapper gone([](const std::string&, int) { return std::string(); });
  return gone.port();
}

}  // namespace

BOOST_AUTO_TEST_CASE(registers_the_monitor_with_the_job_event_mask) {
  Plugin p({});
  const auto m = p.monitor();
  for (int32_t k : {MFX_EV_SCHEDULED, MFX_EV_STARTED, MFX_EV_FINISHED, MFX_EV_FAILED_TO_START, MFX_EV_CANCELLED,
                    MFX_EV_LOST})
    BOOST_TEST(m.accepts(k));
  BOOST_TEST(!m.accepts(MFX_EV_HEARTBEAT));
}

BOOST_AUTO_TEST_CASE(unset_server_is_idle_and_says_so_once) {
  Plugin p({});
  p.monitor().send(scheduled(1));
  p.monitor().flush();
  int said = 0;
  for (const auto& l : p.host.logLines()) said += l.message.find("ZABBIX_SERVER is not set") != std::string::npos;
  BOOST_TEST(said == 1);
}

BOOST_AUTO_TEST_CASE(values_go_in_batches_of_the_configured_size) {
  FakeTrapper trapper([](const std::string& body, int) { return FakeTrapper::allOk(body); });
  Plugin p(to(trapper.port(), {{"ZABBIX_BATCH_SIZE", "3"}, {"ZABBIX_BATCH_INTERVAL_MS", "60000"}}));
  for (int64_t id = 1; id <= 6; ++id) p.monitor().send(scheduled(id));
  BOOST_REQUIRE(trapper.waitRequests(2, 5s));
  const auto requests = trapper.requests();
  BOOST_TEST(jobIds(requests[0]) == (std::vector<int64_t>{1, 2, 3}));
  BOOST_TEST(jobIds(requests[1]) == (std::vector<int64_t>{4, 5, 6}));
  BOOST_TEST(json::parse(requests[0])["data"][0]["host"] == "mfx-test");
}

BOOST_AUTO_TEST_CASE(a_partial_batch_goes_after_the_interval) {
  FakeTrapper trapper([](const std::string& body, int) { return FakeTrapper::allOk(body); });
  Plugin p(to(trapper.port(), {{"ZABBIX_BATCH_INTERVAL_MS", "300"}}));
  const auto begin = Clock::now();
  p.monitor().send(scheduled(1));
  p.monitor().send(scheduled(2));
  BOOST_REQUIRE(trapper.waitRequests(1, 5s));
  BOOST_TEST((Clock::now() - begin) >= 250ms);
  BOOST_TEST(jobIds(trapper.requests()[0]) == (std::vector<int64_t>{1, 2}));
}

BOOST_AUTO_TEST_CASE(on_event_never_waits_for_the_network) {
  FakeTrapper silent([](const std::string&, int) { return FakeTrapper::kSilent; });
  Plugin p(to(silent.port(), {{"ZABBIX_BATCH_INTERVAL_MS", "0"}, {"ZABBIX_TIMEOUT_MS", "300"}}));
  const auto begin = Clock::now();
  for (int64_t id = 1; id <= 2000; ++id) p.monitor().send(scheduled(id));
  BOOST_TEST((Clock::now() - begin) < 10s);  // waiting on the network would take 2000 x 300 ms
}

BOOST_AUTO_TEST_CASE(flush_returns_within_its_bound_when_the_server_hangs) {
  FakeTrapper silent([](const std::string&, int) { return FakeTrapper::kSilent; });
  Plugin p(to(silent.port(), {{"ZABBIX_FLUSH_TIMEOUT_MS", "400"}, {"ZABBIX_TIMEOUT_MS", "3000"}}));
  p.monitor().send(scheduled(1));
  const auto begin = Clock::now();
  p.monitor().flush();
  BOOST_TEST((Clock::now() - begin) < 1500ms);
}

BOOST_AUTO_TEST_CASE(flush_sends_without_waiting_for_the_interval) {
  FakeTrapper trapper([](const std::string& body, int) { return FakeTrapper::allOk(body); });
  Plugin p(to(trapper.port(), {{"ZABBIX_BATCH_INTERVAL_MS", "60000"}}));
  p.monitor().send(scheduled(1));
  const auto begin = Clock::now();
  p.monitor().flush();
  BOOST_TEST((Clock::now() - begin) < 2s);
  BOOST_TEST(trapper.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(server_down_then_up_delivers_everything_in_order_with_backoff) {
  const uint16_t port = closedPort();
  Plugin p(to(port, {{"ZABBIX_BATCH_INTERVAL_MS", "0"}, {"ZABBIX_RETRY_MIN_MS", "100"}, {"ZABBIX_RETRY_MAX_MS", "400"}}));
  for (int64_t id = 1; id <= 5; ++id) p.monitor().send(scheduled(id));
  std::this_thread::sleep_for(1500ms);
  // 100+200+400+400+400 ms: at most about six attempts in 1.5 s, not a busy loop.
  const uint64_t attempts = p.zabbix().counters().sendErrors;
  BOOST_TEST(attempts >= 2u);
  BOOST_TEST(attempts <= 7u);
  FakeTrapper trapper([](const std::string& body, int) { return FakeTrapper::allOk(body); }, port);
  p.monitor().flush();
  BOOST_TEST(allJobIds(trapper) == (std::vector<int64_t>{1, 2, 3, 4, 5}));
  BOOST_TEST(p.host.logged("answers again"));
}

BOOST_AUTO_TEST_CASE(a_full_buffer_drops_the_oldest_and_counts_them) {
  const uint16_t port = closedPort();
  Plugin p(to(port, {{"ZABBIX_BUFFER_SIZE", "5"}, {"ZABBIX_BATCH_INTERVAL_MS", "0"}, {"ZABBIX_RETRY_MIN_MS", "60000"},
                     {"ZABBIX_RETRY_MAX_MS", "60000"}}));
  p.monitor().send(scheduled(1));
  BOOST_REQUIRE(p.waitFor([](const auto& c) { return c.sendErrors == 1; }));  // now backing off, nothing in flight
  for (int64_t id = 2; id <= 8; ++id) p.monitor().send(scheduled(id));
  BOOST_TEST(p.zabbix().counters().dropped == 3u);
  BOOST_TEST(p.zabbix().pending() == 5u);
  BOOST_TEST(p.host.logged("buffer of 5 values is full"));
  FakeTrapper trapper([](const std::string& body, int) { return FakeTrapper::allOk(body); }, port);
  p.monitor().flush();
  const auto ids = allJobIds(trapper);
  BOOST_TEST(ids == (std::vector<int64_t>{4, 5, 6, 7, 8}), boost::test_tools::per_element());
  if (ids.size() != 5)
    for (const auto& l : p.host.logLines()) BOOST_TEST_MESSAGE(l.message);
}

BOOST_AUTO_TEST_CASE(a_value_that_raced_its_discovery_is_sent_once_more) {
  // The first value of the template fails (its item is not discovered yet).
  FakeTrapper trapper([](const std::string& body, int index) {
    const bool item = body.find("job-[acme-demo-7]") != std::string::npos;
    return item && index == 1 ? FakeTrapper::ok(0, 1) : FakeTrapper::allOk(body);
  });
  Plugin p(to(trapper.port(), {{"ZABBIX_BATCH_INTERVAL_MS", "0"}, {"ZABBIX_LLD_RETRY_DELAY_MS", "200"}}));
  p.monitor().send(started(1));
  BOOST_REQUIRE(trapper.waitRequests(3, 5s));
  const auto r = trapper.requests();
  BOOST_TEST(json::parse(r[0])["data"][0]["key"] == "multiflexi.job.lld");
  BOOST_TEST(json::parse(r[1])["data"].size() == 1u);  // the fresh value goes alone
  BOOST_TEST(r[2] == r[1]);
  p.monitor().flush();
  BOOST_TEST(trapper.requests().size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_value_rejected_twice_is_counted_and_logged_not_retried_forever) {
  FakeTrapper trapper([](const std::string& body, int) {
    return body.find("job-[") != std::string::npos ? FakeTrapper::ok(0, 1) : FakeTrapper::allOk(body);
  });
  Plugin p(to(trapper.port(), {{"ZABBIX_BATCH_INTERVAL_MS", "0"}, {"ZABBIX_LLD_RETRY_DELAY_MS", "100"}}));
  p.monitor().send(started(1));
  BOOST_REQUIRE(p.waitFor([](const auto& c) { return c.rejected == 1; }));
  BOOST_TEST(p.zabbix().counters().resent == 1u);
  std::this_thread::sleep_for(300ms);
  BOOST_TEST(trapper.requests().size() == 3u);
  BOOST_TEST(p.host.logged("rejected 1 of 1 values"));
}

BOOST_AUTO_TEST_CASE(a_refused_request_is_logged_with_the_servers_info) {
  FakeTrapper trapper([](const std::string&, int) {
    return FakeTrapper::frame(R"({"response":"failed","info":"cannot parse"})");
  });
  Plugin p(to(trapper.port(), {{"ZABBIX_BATCH_INTERVAL_MS", "0"}}));
  p.monitor().send(scheduled(1));
  p.monitor().flush();
  BOOST_TEST(p.host.logged("refused 1 values: cannot parse"));
  BOOST_TEST(trapper.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_bad_event_is_logged_and_does_not_stop_the_next) {
  FakeTrapper trapper([](const std::string& body, int) { return FakeTrapper::allOk(body); });
  Plugin p(to(trapper.port(), {{"ZABBIX_BATCH_INTERVAL_MS", "0"}}));
  TestJobEvent bad = scheduled(1);
  bad.attributesJson = "[not an object";
  p.monitor().send(bad);
  p.monitor().send(scheduled(2));
  p.monitor().flush();
  BOOST_TEST(p.host.logged("event of job 1 not sent"));
  BOOST_TEST(allJobIds(trapper) == (std::vector<int64_t>{2}));
}
