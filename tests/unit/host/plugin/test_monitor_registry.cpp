// Monitors in the registry: the recording test plugin's monitors are listed
// by id behind their adapter, and shutdown flushes and frees each once.
#include <boost/test/unit_test.hpp>

#include "plugin/PluginRegistry.h"

#include <Poco/AutoPtr.h>
#include <Poco/TemporaryFile.h>
#include <Poco/Util/MapConfiguration.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>

using namespace MultiFlexi;

namespace {

std::string contents(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The recording plugin loaded with `settings` (besides its file).
struct Loaded {
  Poco::TemporaryFile file;
  Poco::AutoPtr<Poco::Util::MapConfiguration> config{new Poco::Util::MapConfiguration};
  std::unique_ptr<PluginRegistry> registry;

  explicit Loaded(const std::map<std::string, std::string>& settings) {
    config->setString("plugins.org.multiflexi.test.recorder.MFX_RECORDER_FILE", file.path());
    for (const auto& [key, value] : settings) config->setString("plugins.org.multiflexi.test.recorder." + key, value);
    registry = std::make_unique<PluginRegistry>(*config);
    registry->loadDirectory(MFX_MONITOR_PLUGIN_DIR);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(monitor_registry)

BOOST_AUTO_TEST_CASE(monitors_are_listed_and_flushed_and_freed_once) {
  Loaded loaded(std::map<std::string, std::string>{{"MFX_SLEEPER_MS", "0"}});
  PluginRegistry& registry = *loaded.registry;
  const Poco::TemporaryFile& file = loaded.file;
  BOOST_REQUIRE_EQUAL(registry.records().size(), 1u);
  BOOST_REQUIRE_MESSAGE(registry.records()[0].loaded(), registry.records()[0].reason);
  const auto monitors = registry.monitors();
  BOOST_REQUIRE_EQUAL(monitors.size(), 2u);
  BOOST_TEST(monitors[0]->id() == "recorder");
  BOOST_TEST(monitors[0]->pluginId() == "org.multiflexi.test.recorder");
  BOOST_TEST(monitors[0]->accepts(MFX_EV_HEARTBEAT));
  BOOST_TEST(monitors[1]->id() == "sleeper");
  mfx_job_event ev{};
  ev.struct_size = sizeof ev;
  ev.kind = MFX_EV_FINISHED;
  ev.scope = mfx_scope{1, 9};
  BOOST_TEST(monitors[0]->deliver(ev));
  registry.shutdown();
  registry.shutdown();
  const std::string written = contents(file.path());
  BOOST_TEST(written.find("\"job_id\":9") != std::string::npos);
  BOOST_TEST(written.find("{\"flush\":true}") != std::string::npos);
  BOOST_TEST(written.find("{\"flush\":true}") == written.rfind("{\"flush\":true}"));  // once
}

BOOST_AUTO_TEST_CASE(an_exception_in_on_event_is_reported_as_a_failed_delivery) {
  Loaded loaded(std::map<std::string, std::string>{{"MFX_RECORDER_THROW_KIND", "3"}});
  PluginRegistry& registry = *loaded.registry;
  BOOST_REQUIRE_EQUAL(registry.monitors().size(), 1u);
  mfx_job_event ev{};
  ev.struct_size = sizeof ev;
  ev.kind = MFX_EV_STARTED;
  BOOST_TEST(registry.monitors()[0]->deliver(ev));
  ev.kind = MFX_EV_FINISHED;
  BOOST_TEST(!registry.monitors()[0]->deliver(ev));  // the wrapper caught it and logged an error
}

BOOST_AUTO_TEST_SUITE_END()
