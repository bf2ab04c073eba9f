// The scheduler daemon: ticks when the earliest slot comes (or when woken
// because templates changed), never later than the cycle pause.
#pragma once

#include "scheduler/Scheduler.h"
#include "app/WakeChannel.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>
#include <string>

namespace MultiFlexi {

class SchedulerService {
 public:
  SchedulerService(Database& database, SchedulerSettings settings, std::string runDir,
                   std::chrono::milliseconds cyclePause);

  /// Called with the ids of the jobs a tick created, after it committed (to
  /// wake an executor of this process and tell the monitors; executors of
  /// other processes are woken through the run directory).
  void setJobsCreated(std::function<void(const std::vector<int64_t>&)> callback) { _jobsCreated = std::move(callback); }
  /// Ticks until stop(); with `once`, ticks once and returns.
  void run(bool once);
  /// Any thread.
  void stop();

 private:
  Scheduler _scheduler;
  const std::string _runDir;
  const std::chrono::milliseconds _cyclePause;
  WakeChannel _channel;
  std::function<void(const std::vector<int64_t>&)> _jobsCreated;
  std::atomic<bool> _stop{false};
};

}  // namespace MultiFlexi
