// The scheduler as a daemon subsystem: builds the scheduler service from the
// settings (MULTIFLEXI_* — see Settings) on the store it is given, and runs
// its loop (scheduler/SchedulerService.h).
//
// Ownership: the store must outlive the subsystem. Threads: as DaemonSubsystem;
// the jobs-created callback runs on the loop's thread. Throws: initialize()
// throws ConfigurationException naming a setting that cannot be used.
#pragma once

#include "app/DaemonSubsystem.h"

#include <cstdint>
#include <functional>
#include <vector>
#include <memory>

namespace MultiFlexi {

class Database;
class SchedulerService;

class SchedulerSubsystem : public DaemonSubsystem {
 public:
  explicit SchedulerSubsystem(Database& database);

  const char* name() const override { return "scheduler"; }
  /// Called with the ids of the jobs a tick created (`up` wakes its executor
  /// and tells the monitors); set before initialize().
  void setJobsCreated(std::function<void(const std::vector<int64_t>&)> callback) { _jobsCreated = std::move(callback); }

  void run(bool once) override;
  void stop() override;

 protected:
  ~SchedulerSubsystem() override;
  void initialize(Poco::Util::Application& app) override;
  void uninitialize() override;

 private:
  Database& _database;
  std::function<void(const std::vector<int64_t>&)> _jobsCreated;
  std::unique_ptr<SchedulerService> _service;
};

}  // namespace MultiFlexi
