// config_get's fallback for MultiFlexi's variable names: the plugin's own
// key first, then (for an environment-variable-looking key) the env file,
// then the host's environment; hostile keys find nothing.
#include <boost/test/unit_test.hpp>

#include "app/Settings.h"
#include "plugin/HostApi.h"
#include "plugin/HostContext.h"

#include <Poco/AutoPtr.h>
#include <Poco/Environment.h>
#include <Poco/Logger.h>
#include <Poco/Util/MapConfiguration.h>

#include <cstdlib>

using namespace MultiFlexi;

namespace {

void receive(void* user, mfx_str value) { static_cast<std::string*>(user)->assign(value.ptr, value.len); }

struct SettingFixture {
  Poco::AutoPtr<Poco::Util::MapConfiguration> config{new Poco::Util::MapConfiguration};
  mfx_host_ctx ctx{"org.multiflexi.zabbix", Poco::Logger::get("plugin.org.multiflexi.zabbix"), *config};

  std::optional<std::string> get(const std::string& key) {
    std::string value;
    const mfx_rc rc = hostApi()->config_get(&ctx, mfx_str{key.data(), key.size()}, &receive, &value, nullptr);
    if (rc == MFX_E_NOT_FOUND) return std::nullopt;
    BOOST_REQUIRE(rc == MFX_OK);
    return value;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(plugin_setting, SettingFixture)

BOOST_AUTO_TEST_CASE(the_plugins_key_wins_then_the_env_file_then_the_environment) {
  ::setenv("MFX_TEST_ZABBIX_SERVER", "from-environment", 1);
  BOOST_TEST(get("MFX_TEST_ZABBIX_SERVER").value_or("<none>") == "from-environment");
  config->setString(std::string(Settings::kEnvFilePrefix) + "MFX_TEST_ZABBIX_SERVER", "from-env-file");
  BOOST_TEST(get("MFX_TEST_ZABBIX_SERVER").value_or("<none>") == "from-env-file");
  config->setString("plugins.org.multiflexi.zabbix.MFX_TEST_ZABBIX_SERVER", "from-plugin-key");
  BOOST_TEST(get("MFX_TEST_ZABBIX_SERVER").value_or("<none>") == "from-plugin-key");
  ::unsetenv("MFX_TEST_ZABBIX_SERVER");
}

BOOST_AUTO_TEST_CASE(the_env_file_prefix_is_the_one_settings_use) {
  BOOST_TEST(std::string(kEnvFileConfigPrefix) == Settings::kEnvFilePrefix);
}

BOOST_AUTO_TEST_CASE(keys_not_written_as_variable_names_do_not_fall_back) {
  ::setenv("mfx_test_lower", "x", 1);
  config->setString(std::string(Settings::kEnvFilePrefix) + "server", "y");
  BOOST_TEST(!get("mfx_test_lower"));
  BOOST_TEST(!get("server"));
  BOOST_TEST(!looksLikeEnvName("lower"));
  BOOST_TEST(!looksLikeEnvName("9STARTS_WITH_DIGIT"));
  BOOST_TEST(!looksLikeEnvName("_UNDERSCORE"));
  BOOST_TEST(!looksLikeEnvName("HAS-DASH"));
  BOOST_TEST(!looksLikeEnvName(""));
  BOOST_TEST(!looksLikeEnvName(std::string(256, 'A')));
  BOOST_TEST(looksLikeEnvName("ZABBIX_SERVER"));
  ::unsetenv("mfx_test_lower");
}

BOOST_AUTO_TEST_CASE(hostile_keys_find_nothing) {
  ::setenv("PATH_MFX", "x", 1);
  BOOST_TEST(!get(""));
  BOOST_TEST(!get(std::string("PATH_MFX\0", 9)));
  BOOST_TEST(!get(std::string("PATH\0_MFX", 9)));
  BOOST_TEST(!get("PATH_MFX'; DROP TABLE company; --"));
  BOOST_TEST(!get("../../etc/passwd"));
  BOOST_TEST(!get(std::string(100000, 'A')));
  // Another plugin's key is not reachable through a dotted key.
  config->setString("plugins.org.multiflexi.otel.TOKEN", "other's");
  BOOST_TEST(!get("..otel.TOKEN"));
  ::unsetenv("PATH_MFX");
}

BOOST_AUTO_TEST_SUITE_END()
