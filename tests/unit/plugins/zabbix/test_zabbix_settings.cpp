#define BOOST_TEST_MODULE zabbix settings
#include <boost/test/unit_test.hpp>

#include "ZabbixSettings.h"

#include <multiflexi/mfx_testing.hpp>

#include <unistd.h>

using namespace mfx::zabbix;
using namespace std::chrono_literals;

extern "C" mfx_rc mfx_plugin_init(const mfx_host_api*, mfx_host_ctx*, mfx_status*);

namespace {

ZabbixSettings read(const std::map<std::string, std::string>& config) {
  mfx::testing::FakeHost fake;
  for (const auto& [k, v] : config) fake.setConfig(k, v);
  return ZabbixSettings::fromHost(mfx::Host(fake.api(), fake.ctx()));
}

// The message init fails with, or "" when it loads.
std::string loadError(const std::map<std::string, std::string>& config) {
  mfx::testing::FakeHost fake;
  for (const auto& [k, v] : config) fake.setConfig(k, v);
  return fake.load(&mfx_plugin_init) == MFX_OK ? "" : fake.lastError();
}

}  // namespace

BOOST_AUTO_TEST_CASE(defaults_are_multiflexis) {
  const ZabbixSettings s = read({});
  BOOST_TEST(!s.enabled());
  BOOST_TEST(s.port == 10051);
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  BOOST_TEST(s.fallbackHost == name);
  BOOST_TEST(s.batchSize == 100u);
  BOOST_TEST(s.bufferSize == 10000u);
  BOOST_TEST(s.flushTimeout.count() == 5000);
}

BOOST_AUTO_TEST_CASE(server_forms) {
  BOOST_TEST(read({{"ZABBIX_SERVER", "zbx.example.com"}}).server == "zbx.example.com");
  BOOST_TEST(read({{"ZABBIX_SERVER", "zbx"}, {"ZABBIX_PORT", "10055"}}).port == 10055);
  const auto withPort = read({{"ZABBIX_SERVER", "10.0.0.1:10052"}, {"ZABBIX_PORT", "10055"}});
  BOOST_TEST(withPort.server == "10.0.0.1");
  BOOST_TEST(withPort.port == 10052);
  const auto v6 = read({{"ZABBIX_SERVER", "[::1]:10053"}});
  BOOST_TEST(v6.server == "::1");
  BOOST_TEST(v6.port == 10053);
  BOOST_TEST(read({{"ZABBIX_SERVER", "[::1]"}}).port == 10051);
  BOOST_TEST(!read({{"ZABBIX_SERVER", ""}}).enabled());
  BOOST_TEST(read({{"ZABBIX_HOST", "acme-server"}}).fallbackHost == "acme-server");
}

BOOST_AUTO_TEST_CASE(hostile_values_fail_the_load_naming_the_key) {
  const std::vector<std::pair<std::map<std::string, std::string>, std::string>> cases = {
      {{{"ZABBIX_SERVER", "zbx:0"}}, "ZABBIX_SERVER"},
      {{{"ZABBIX_SERVER", "zbx:65536"}}, "ZABBIX_SERVER"},
      {{{"ZABBIX_SERVER", "zbx:-1"}}, "ZABBIX_SERVER"},
      {{{"ZABBIX_SERVER", "zbx:"}}, "ZABBIX_SERVER"},
      {{{"ZABBIX_SERVER", ":10051"}}, "ZABBIX_SERVER"},
      {{{"ZABBIX_SERVER", "::1"}}, "ZABBIX_SERVER"},
      {{{"ZABBIX_SERVER", "[::1"}}, "ZABBIX_SERVER"},
      {{{"ZABBIX_SERVER", "zbx host"}}, "ZABBIX_SERVER"},
      {{{"ZABBIX_SERVER", std::string("zbx\0evil", 8)}}, "ZABBIX_SERVER"},
      {{{"ZABBIX_SERVER", "zbx'; DROP TABLE items; --"}}, "ZABBIX_SERVER"},
      {{{"ZABBIX_SERVER", "user@zbx"}}, "ZABBIX_SERVER"},
      {{{"ZABBIX_SERVER", std::string(100000, 'z')}}, "ZABBIX_SERVER"},
      {{{"ZABBIX_PORT", "http"}}, "ZABBIX_PORT"},
      {{{"ZABBIX_PORT", ""}}, "ZABBIX_PORT"},
      {{{"ZABBIX_PORT", "10051 "}}, "ZABBIX_PORT"},
      {{{"ZABBIX_HOST", std::string(129, 'h')}}, "ZABBIX_HOST"},
      {{{"ZABBIX_HOST", "acme\nX-Injected: 1"}}, "ZABBIX_HOST"},
      {{{"ZABBIX_HOST", std::string("a\0b", 3)}}, "ZABBIX_HOST"},
      {{{"ZABBIX_BATCH_SIZE", "0"}}, "ZABBIX_BATCH_SIZE"},
      {{{"ZABBIX_BATCH_SIZE", "1e3"}}, "ZABBIX_BATCH_SIZE"},
      {{{"ZABBIX_BATCH_SIZE", "99999999999999999999999"}}, "ZABBIX_BATCH_SIZE"},
      {{{"ZABBIX_BUFFER_SIZE", "-5"}}, "ZABBIX_BUFFER_SIZE"},
      {{{"ZABBIX_BATCH_INTERVAL_MS", "1 OR 1=1"}}, "ZABBIX_BATCH_INTERVAL_MS"},
      {{{"ZABBIX_CONNECT_TIMEOUT_MS", "0"}}, "ZABBIX_CONNECT_TIMEOUT_MS"},
      {{{"ZABBIX_TIMEOUT_MS", "true"}}, "ZABBIX_TIMEOUT_MS"},
      {{{"ZABBIX_RETRY_MIN_MS", "5000"}, {"ZABBIX_RETRY_MAX_MS", "100"}}, "ZABBIX_RETRY_MAX_MS"},
      {{{"ZABBIX_LLD_RETRY_DELAY_MS", "60000"}}, "ZABBIX_LLD_RETRY_DELAY_MS"},
      {{{"ZABBIX_FLUSH_TIMEOUT_MS", "6000"}}, "ZABBIX_FLUSH_TIMEOUT_MS"},
      {{{"ZABBIX_TLS_CONNECT", "psk"}}, "ZABBIX_TLS_CONNECT"},
      {{{"ZABBIX_TLS_PSK_IDENTITY", "mfx"}}, "ZABBIX_TLS_PSK_IDENTITY"},
      {{{"ZABBIX_TLS_PSK_FILE", "/etc/zabbix/psk"}}, "ZABBIX_TLS_PSK_FILE"},
  };
  for (const auto& [config, key] : cases) {
    const std::string error = loadError(config);
    BOOST_TEST_CONTEXT("key " << key) {
      BOOST_TEST(error.rfind(key + ":", 0) == 0u, error);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_tls_file_path_is_named_but_never_read) {
  // The PSK itself is a secret: the refusal names the key, not a file's content.
  const std::string error = loadError({{"ZABBIX_TLS_PSK_FILE", "/etc/shadow"}});
  BOOST_TEST(error.find("not supported") != std::string::npos, error);
  BOOST_TEST(error.find("root:") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(unencrypted_is_accepted) {
  BOOST_TEST(loadError({{"ZABBIX_TLS_CONNECT", "unencrypted"}}).empty());
}
