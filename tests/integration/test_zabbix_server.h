// A real Zabbix 6.0 server for the zabbix tests, started once per test
// program by the fixture ../shared/fixtures/zabbix/start-zabbix.sh in a
// private directory on free loopback ports, stopped by its stop script (it
// signals only the PIDs recorded there). Items: see the fixture's README;
// each test program adds its job-[...] text trappers (zabbixExtraItems()).
// Outside CI a server that cannot start skips the cases (loudly); in CI
// (CI=true) they fail. Also: SQL against its database, and a TCP gate in
// front of its trapper that the tests close and open ("server down").
#pragma once

#include "ChildProcess.h"
#include "ContainerEngines.h"
#include "HttpExchange.h"
#include "TempDir.h"

#include <boost/test/unit_test.hpp>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

namespace MultiFlexi::Testing {

/// Polls `predicate` every 200 ms until it holds or `limit` passes.
template <class P>
bool eventually(P predicate, std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;
       std::this_thread::sleep_for(std::chrono::milliseconds(200)))
    if (predicate()) return true;
  return false;
}

/// The extra trapper items ("KEY=text ...") of this test program; defined by it.
const char* zabbixExtraItems();

class ZabbixServer {
 public:
  ZabbixServer() {
    const std::string script = std::string(MFX_FIXTURES_DIR) + "/zabbix/start-zabbix.sh";
    _dir = (_tmp.path() / "zbx").string();
    const std::string cache =
        std::getenv("ZBX_CACHE_DIR") != nullptr ? std::getenv("ZBX_CACHE_DIR") : std::string(MFX_BUILD_DIR) + "/tests/zabbix-cache";
    std::filesystem::create_directories(cache);
    // zabbix_server accepts ListenPort 1024..32767 only.
    const uint16_t trapper = freeLowPort();
    const ProcessResult started =
        run("/bin/bash", {script, _dir, std::to_string(freePort()), std::to_string(trapper)},
            {{"ZBX_CACHE_DIR", cache}, {"ZBX_EXTRA_ITEMS", zabbixExtraItems()},
             {"ZBX_HOST_NAME", "multiflexi-test"}});
    if (started.exitCode != 0) {
      _error = "start-zabbix.sh failed (" + std::to_string(started.exitCode) + "): " + tail(started.err);
      return;
    }
    std::istringstream lines(started.out);
    for (std::string line; std::getline(lines, line);)
      if (const auto eq = line.find('='); eq != std::string::npos) _env[line.substr(0, eq)] = line.substr(eq + 1);
    _started = true;
  }
  ~ZabbixServer() {
    if (!std::filesystem::exists(_dir)) return;
    run("/bin/bash", {std::string(MFX_FIXTURES_DIR) + "/zabbix/stop-zabbix.sh", _dir});
  }

  bool up() const { return _started; }
  const std::string& error() const { return _error; }
  uint16_t trapperPort() const { return static_cast<uint16_t>(std::stoi(_env.at("ZBX_TRAPPER_PORT"))); }

  /// One SQL query's rows (psql -tA: '|' between columns, one row a line).
  std::string sql(const std::string& query) const {
    const ProcessResult r = run("psql", {"-h", _env.at("ZBX_PG_HOST"), "-p", _env.at("ZBX_PG_PORT"), "-U", "zabbix",
                                         "-d", "zabbix", "-X", "-q", "-tA", "-c", query});
    if (r.exitCode != 0) throw std::runtime_error("psql failed: " + r.err);
    return r.out;
  }

  /// The text values stored for `key` on host multiflexi-test, oldest first.
  std::vector<std::string> textHistory(const std::string& key) const {
    const std::string rows = sql(
        "select h.value from history_text h join items i on i.itemid = h.itemid join hosts o on o.hostid = i.hostid "
        "where o.host = 'multiflexi-test' and i.key_ = '" + key + "' order by h.clock, h.ns");
    std::vector<std::string> out;
    std::istringstream lines(rows);
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) out.push_back(line);
    return out;
  }

 private:
  static uint16_t freeLowPort() {
    std::mt19937 random(std::random_device{}());
    for (int i = 0; i < 200; ++i) {
      const auto port = static_cast<uint16_t>(20000 + random() % 12000);
      try {
        Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", port));
        return port;
      } catch (...) {
      }
    }
    throw std::runtime_error("no free port in 20000..32000");
  }
  static std::string tail(const std::string& s) { return s.size() > 2000 ? s.substr(s.size() - 2000) : s; }

  TempDir _tmp;
  std::string _dir;
  std::map<std::string, std::string> _env;
  bool _started = false;
  std::string _error;
};

/// The one server of a test program (started by the global fixture).
inline std::optional<ZabbixServer>& zabbixServer() {
  static std::optional<ZabbixServer> server;
  return server;
}

struct ZabbixGlobalFixture {
  void setup() { zabbixServer().emplace(); }
  void teardown() { zabbixServer().reset(); }
};

/// Precondition: the server is up; outside CI a failure to start skips.
struct ZabbixUp {
  std::string needs = "a real Zabbix server";
  boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
    const auto& server = zabbixServer();
    if ((server && server->up()) || inCi()) return true;
    const std::string why = server ? server->error() : "not started";
    std::cerr << "\n*** SKIPPED: needs " << needs << ": " << why << " ***\n";
    boost::test_tools::assertion_result result(false);
    result.message() << "Zabbix server unavailable: " << why;
    return result;
  }
};

/// A TCP gate in front of the trapper: closed, nothing listens on port();
/// open, each connection's request is passed to the trapper and its reply back.
class TrapperGate {
 public:
  explicit TrapperGate(uint16_t upstream) : _upstream(upstream), _port(freePort()) {}
  ~TrapperGate() { close(); }
  uint16_t port() const { return _port; }

  void open() {
    _listener.emplace();
    _listener->bind(Poco::Net::SocketAddress("127.0.0.1", _port), true);
    _listener->listen(16);
    _stop = false;
    _thread = std::thread([this] { serve(); });
  }
  void close() {
    if (!_thread.joinable()) return;
    _stop = true;
    _thread.join();
    _listener->close();
    _listener.reset();
  }

 private:
  void serve() {
    while (!_stop) {
      if (!_listener->poll(Poco::Timespan(0, 50000), Poco::Net::Socket::SELECT_READ)) continue;
      Poco::Net::StreamSocket client = _listener->acceptConnection();
      try {
        client.setReceiveTimeout(Poco::Timespan(5, 0));
        std::string request = readN(client, 13);
        uint32_t len = 0;
        for (int i = 3; i >= 0; --i) len = (len << 8) | static_cast<unsigned char>(request[5 + i]);
        request += readN(client, len);
        Poco::Net::StreamSocket server(Poco::Net::SocketAddress("127.0.0.1", _upstream));
        server.setReceiveTimeout(Poco::Timespan(5, 0));
        server.sendBytes(request.data(), static_cast<int>(request.size()));
        char buf[4096];
        for (int n; (n = server.receiveBytes(buf, sizeof buf)) > 0;) client.sendBytes(buf, n);
      } catch (...) {
        // the plugin sees a closed connection and retries
      }
      client.close();
    }
  }
  static std::string readN(Poco::Net::StreamSocket& s, std::size_t n) {
    std::string out(n, '\0');
    for (std::size_t got = 0; got < n;) {
      const int r = s.receiveBytes(out.data() + got, static_cast<int>(n - got));
      if (r <= 0) throw std::runtime_error("short request");
      got += static_cast<std::size_t>(r);
    }
    return out;
  }

  uint16_t _upstream;
  uint16_t _port;
  std::optional<Poco::Net::ServerSocket> _listener;
  std::atomic<bool> _stop{false};
  std::thread _thread;
};

}  // namespace MultiFlexi::Testing

// One server per test program that includes this header.
using MultiFlexi::Testing::ZabbixGlobalFixture;
BOOST_TEST_GLOBAL_FIXTURE(ZabbixGlobalFixture);
