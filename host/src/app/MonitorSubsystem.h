// The monitors as a daemon subsystem: initialize() builds the dispatcher
// (monitor/MonitorDispatcher: one queue thread per monitor) from the
// registry's monitors — with none it does nothing and costs nothing; run()
// sends a HEARTBEAT every MULTIFLEXI_MONITOR_HEARTBEAT seconds and keeps the
// delivery counts in the run directory for plugin:list; in the scheduler's
// process (`up`, `scheduler`) it also announces jobs cancelled before they
// started (no executor records their end) every 2 s; uninitialize()
// drains the queues (at most kDrainGrace) and flushes the monitors, before
// the registry frees the plugins.
//
// Its dispatcher is the executor's observer and takes the scheduler's
// created jobs: add it to the daemon first, so that it starts before them
// and stops after them. Ownership: the store and the registry must outlive it.
// Threads: as DaemonSubsystem; the observer calls, jobsCreated() and stats()
// from any thread while initialized. Throws: initialize() throws
// ConfigurationException for a bad MULTIFLEXI_MONITOR_* setting.
#pragma once

#include "app/DaemonSubsystem.h"
#include "monitor/MonitorStats.h"

#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace MultiFlexi {

class Database;
class MonitorDispatcher;
class PluginRegistry;

class JobObserver;

class MonitorSubsystem : public DaemonSubsystem {
 public:
  /// How long stopping waits for the queues to deliver what they hold.
  static constexpr std::chrono::milliseconds kDrainGrace{5'000};

  /// `daemon` names the process in heartbeats and the counts file (up, scheduler, executor).
  MonitorSubsystem(Database& database, PluginRegistry& plugins, std::string daemon);

  const char* name() const override { return "monitors"; }

  /// The scheduler created these jobs.
  void jobsCreated(const std::vector<int64_t>& ids);
  /// Delivery counts per monitor (empty with no monitor).
  std::vector<MonitorStats> stats() const;

  /// The executor's observer once initialized: the dispatcher (null with no
  /// monitor). Valid until uninitialize().
  JobObserver* observer();

  void run(bool once) override;
  void stop() override;

 protected:
  ~MonitorSubsystem() override;
  void initialize(Poco::Util::Application& app) override;
  void uninitialize() override;

 private:
  /// Queues CANCELLED for jobs cancelled before they started; a store error is logged.
  void pollCancelled();

  Database& _database;
  PluginRegistry& _plugins;
  const std::string _daemon;
  std::string _runDir;
  std::chrono::milliseconds _heartbeat{0};
  std::unique_ptr<MonitorDispatcher> _dispatcher;  // set before the others start, reset after they stopped
  std::mutex _mutex;
  std::condition_variable _wake;
  bool _stopRequested = false;
};

}  // namespace MultiFlexi
