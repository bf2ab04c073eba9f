// The executor as a daemon subsystem: builds the executor service from the
// settings (MULTIFLEXI_* — see Settings) on the store and plugins it is
// given, and runs its loop (executor/ExecutorService.h: claims, drain on
// stop within MULTIFLEXI_SHUTDOWN_GRACE).
//
// Ownership: the store and the plugin registry must outlive the subsystem.
// Threads: as DaemonSubsystem; wake() from any thread while initialized.
// Throws: initialize() throws ConfigurationException naming a setting that
// cannot be used.
#pragma once

#include "app/DaemonSubsystem.h"

#include <functional>
#include <memory>

namespace MultiFlexi {

class Database;
class ExecutorService;
class JobObserver;
class PluginRegistry;

class ExecutorSubsystem : public DaemonSubsystem {
 public:
  ExecutorSubsystem(Database& database, PluginRegistry& plugins);

  const char* name() const override { return "executor"; }
  /// New work may be due (a job was created in this process).
  void wake();
  /// Gives, at initialize(), who is told about the jobs' lifecycle (the
  /// monitors' dispatcher, or null); what it gives must outlive run().
  void setObserver(std::function<JobObserver*()> observer) { _observer = std::move(observer); }

  void run(bool once) override;
  void stop() override;

 protected:
  ~ExecutorSubsystem() override;
  void initialize(Poco::Util::Application& app) override;
  void uninitialize() override;

 private:
  Database& _database;
  PluginRegistry& _plugins;
  std::function<JobObserver*()> _observer;
  std::unique_ptr<ExecutorService> _service;
};

}  // namespace MultiFlexi
