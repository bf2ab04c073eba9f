// The executor tests' store and native plugin, plus an application whose
// configuration points the daemons into the test's data directory (one pass
// unless a test says otherwise), for the subsystem tests.
#pragma once

#include "../executor/ExecutorFixture.h"

#include <Poco/Util/Application.h>

#include <filesystem>

namespace MultiFlexi::Testing {

struct SubsystemFixture : ExecutorFixture {
  Poco::AutoPtr<Poco::Util::Application> app{new Poco::Util::Application};

  SubsystemFixture() {
    app->config().setString("multiflexi.dataDir", dir.path().string());
    app->config().setString("multiflexi.daemonize", "false");
  }

  /// An active template of a new application running `executable`, every
  /// minute: new, its current slot is due at once.
  int64_t minutely(const std::string& executable) {
    static int n = 0;
    const std::string name = "minutely" + std::to_string(++n);
    return seedTemplate(*db, templateOf(seedApp(*db, appRunning(name, executable)), companyId, 'i', name));
  }

  /// The wake-up sockets daemons of this data directory listen on.
  std::size_t sockets() const {
    const auto run = dir.path() / "run";
    if (!std::filesystem::exists(run)) return 0;
    std::size_t n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(run))
      if (entry.path().extension() == ".sock") ++n;
    return n;
  }
};

}  // namespace MultiFlexi::Testing
