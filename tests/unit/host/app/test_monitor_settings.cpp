// The monitors' settings: MULTIFLEXI_MONITOR_QUEUE and
// MULTIFLEXI_MONITOR_HEARTBEAT, their defaults, and broken values refused
// naming the variable.
#include <boost/test/unit_test.hpp>

#include "app/Settings.h"
#include "common/Exceptions.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/MapConfiguration.h>

using namespace MultiFlexi;

namespace {

Poco::AutoPtr<Poco::Util::MapConfiguration> monitorConfig(const std::string& key, const std::string& value) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
  if (!key.empty()) config->setString(key, value);
  return config;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(monitor_settings)

BOOST_AUTO_TEST_CASE(defaults_and_values) {
  const auto none = monitorConfig("", "");
  BOOST_TEST(Settings(*none).monitorQueue() == 10000);
  BOOST_TEST(Settings(*none).monitorHeartbeat().count() == 60000);
  const auto queue = monitorConfig("multiflexi.monitor.queue", "5");
  BOOST_TEST(Settings(*queue).monitorQueue() == 5);
  const auto off = monitorConfig("multiflexi.monitor.heartbeat", "0");
  BOOST_TEST(Settings(*off).monitorHeartbeat().count() == 0);
  const auto half = monitorConfig("multiflexi.monitor.heartbeat", "0.5");
  BOOST_TEST(Settings(*half).monitorHeartbeat().count() == 500);
}

BOOST_AUTO_TEST_CASE(broken_values_name_the_variable) {
  const std::vector<std::string> queues{"0", "-1", "ten", "10000001", "99999999999999999999", std::string("5\0", 2),
                                        "5; DROP TABLE job"};
  for (const std::string& value : queues)
    BOOST_CHECK_EXCEPTION(
        {
          const auto config = monitorConfig("multiflexi.monitor.queue", value);
          (void)Settings(*config).monitorQueue();
        },
        ConfigurationException,
        [](const ConfigurationException& e) { return e.message().rfind("MULTIFLEXI_MONITOR_QUEUE:", 0) == 0; });
  const std::vector<std::string> beats{"-1", "often", "1e10", "nan", std::string("1\0", 2), std::string(100000, '9')};
  for (const std::string& value : beats)
    BOOST_CHECK_EXCEPTION(
        {
          const auto config = monitorConfig("multiflexi.monitor.heartbeat", value);
          (void)Settings(*config).monitorHeartbeat();
        },
        ConfigurationException,
        [](const ConfigurationException& e) { return e.message().rfind("MULTIFLEXI_MONITOR_HEARTBEAT:", 0) == 0; });
}

BOOST_AUTO_TEST_SUITE_END()
