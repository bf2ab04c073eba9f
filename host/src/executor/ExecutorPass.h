// The parts of ExecutorService shared by its two sources: the loop
// (ExecutorService.cpp) and the recording of passes (ExecutorRecording.cpp).
// Private to them; include nowhere else.
#pragma once

#include "executor/ArtifactCollector.h"
#include "executor/ExecutorService.h"

#include <Poco/Logger.h>

namespace MultiFlexi {

inline Poco::Logger& executorLogger() { return Poco::Logger::get("multiflexi.executor"); }

constexpr std::chrono::milliseconds kRetryPause{500};     // between attempts while the store refuses
constexpr std::chrono::milliseconds kRecordGrace{2'000};  // after the drain's grace, recording is given up
constexpr std::chrono::milliseconds kLockWait{2'000};     // longest wait for another connection's lock

/// A job this executor runs.
struct ExecutorService::Running {
  JobLaunch launch;
  std::unique_ptr<QueueingSink> sink;
  std::unique_ptr<HostJob> host;
  bool cancelled = false;
  std::optional<std::string> cancelledBy;  // who asked for the cancel it honoured
  std::string recordError;  // why its record failed: its output is dropped, its end is failed
};

/// What one pass of the loop records.
struct ExecutorService::Pass {
  std::vector<JobEvent> events;
  std::map<int64_t, CollectedArtifacts> artifacts;  // of the jobs that ended
  std::vector<std::pair<int64_t, JobEnd>> ended;     // recorded and to be cleaned up
  std::vector<JobEvent> started;                     // starts recorded (for the observer)
  std::vector<Job> claimed;
  std::vector<LostJob> lost;
  std::optional<std::vector<int64_t>> held;  // after a lease renewal
  std::map<int64_t, std::string> cancelRequests;  // running jobs to cancel -> who asked
  bool claimTried = false;                   // there was room to claim
  bool claimFilled = false;                  // as many claimed as asked: more may be due
};

/// What a cut-down record leaves out; the job's end is recorded as failed.
struct ExecutorService::Cut {
  bool artifacts = true;
  bool output = true;
  bool started = true;
  std::string note;  ///< empty: nothing cut
};

}  // namespace MultiFlexi
