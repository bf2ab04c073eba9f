// A store, the real native plugin, and an executor service to run jobs of
// templates through, for the executor tests.
#pragma once

#include "Seed.h"
#include "TempDir.h"
#include "executor/ExecutorService.h"
#include "plugin/PluginRegistry.h"
#include "store/JobRepository.h"
#include "store/Transaction.h"

#include <Poco/Util/MapConfiguration.h>

#include <boost/test/unit_test.hpp>

#include <map>
#include <string>

namespace MultiFlexi::Testing {

struct ExecutorFixture {
  TempDir dir;
  std::unique_ptr<Database> db = openSealedStore(dir.file("executor.db"), dir.file("master.key"));
  Poco::AutoPtr<Poco::Util::MapConfiguration> config{new Poco::Util::MapConfiguration};
  PluginRegistry plugins{*config};
  int64_t companyId = seedCompany(*db, "acme");
  JobRepository jobs{*db};

  ExecutorFixture() {
    BOOST_REQUIRE(plugins.loadFile(std::string(MFX_PLUGIN_DIR) + "/mfx_native.so").loaded());
  }

  ExecutorSettings settings() const {
    ExecutorSettings s;
    s.launch.jobsDir = dir.file("jobs");
    s.launch.version = "9.9.9-test";
    s.launch.daemonEnvironment = {{"PATH", "/usr/bin:/bin"}, {"HOME", "/nonexistent-home"},
                                  {"DB_PASSWORD", "daemon-db-password"}, {"MFX_DAEMON_CANARY", "daemon"}};
    s.runDir = dir.file("run");
    s.lease = std::chrono::milliseconds(3000);
    s.cyclePause = std::chrono::milliseconds(500);
    return s;
  }

  /// A template of a new application running `executable` `cmdparams`.
  int64_t templateRunning(const std::string& executable, std::optional<std::string> cmdparams = std::nullopt,
                          bool allowOverlap = false) {
    static int n = 0;
    const std::string name = "app" + std::to_string(++n);
    RunTemplate t = templateOf(seedApp(*db, appRunning(name, executable, std::move(cmdparams))), companyId, 'n', name);
    t.allowOverlap = allowOverlap;
    return seedTemplate(*db, t);
  }

  /// An ad-hoc job of `templateId`, due now.
  int64_t schedule(int64_t templateId, const std::map<std::string, std::string>& overrides = {}) {
    const Job j = adhocJob(*RunTemplateRepository(*db).findById(templateId), nowMs(), "adhoc-cli");
    return inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.createAdhoc(s, j, overrides); });
  }

  /// Runs every due job to its end.
  void runDue(const ExecutorSettings& s) {
    ExecutorService executor(*db, plugins, s);
    executor.run(true);
  }
  void runDue() { runDue(settings()); }

  Job job(int64_t id) { return *jobs.findById(id); }
  std::string output(int64_t id, int stream = 1) {
    std::string out;
    for (const auto& c : jobs.output(id))
      if (c.stream == stream) out += c.bytes;
    return out;
  }
};

}  // namespace MultiFlexi::Testing
