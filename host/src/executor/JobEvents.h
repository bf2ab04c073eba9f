// What running jobs report to the executor loop: their start, output and
// end, queued from plugin threads in the order they happened. Output is
// numbered per job, capped per job (a marker says what was dropped), and
// bounded in memory: a producer waits while too much is queued.
#pragma once

#include "common/Clock.h"
#include "executor/SecretMasker.h"
#include "plugin/HostJob.h"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace MultiFlexi {

struct JobEnd;

/// Told about jobs as they start and as their end is recorded (benchmarks;
/// monitor plugins later). Must be thread-safe.
class JobObserver {
 public:
  virtual ~JobObserver() = default;
  /// The job's process exists (called on the executor plugin's thread).
  virtual void jobStarted(int64_t jobId, int64_t pid) = 0;
  /// The job's end is recorded (called on the executor's loop thread).
  virtual void jobFinished(int64_t jobId, const JobEnd& end) = 0;
};

struct JobEvent {
  enum class Kind { Started, Output, Finished };
  JobEvent(Kind k, int64_t job) : kind(k), jobId(job), at(nowMs()) {}
  Kind kind;
  int64_t jobId;
  Instant at;
  int64_t pid = 0;         ///< Started
  std::string externalRef;  ///< Started: the executor's id for the job (container id ...)
  int64_t seq = 0;         ///< Output
  int stream = 0;          ///< Output
  std::string bytes;       ///< Output
  JobResult result;        ///< Finished
  int64_t droppedBytes = 0;  ///< Finished: output over the cap, not stored
};

class JobEventQueue {
 public:
  /// `wake` is called when the consumer should look (a start or end, or the
  /// first output since it last took events).
  JobEventQueue(std::size_t maxQueuedBytes, std::function<void()> wake);

  void push(JobEvent event);
  /// Takes everything queued; wakes producers waiting for room.
  std::vector<JobEvent> take();
  /// True when output waits to be taken.
  bool hasOutput() const;

 private:
  const std::size_t _maxQueuedBytes;
  std::function<void()> _wake;
  mutable std::mutex _mutex;
  std::condition_variable _room;
  std::vector<JobEvent> _events;
  std::size_t _queuedBytes = 0;
  bool _outputSignalled = false;
};

/// The sink of one job: masks the job's secret values in its output and
/// end message, numbers and caps the output, then queues it.
class QueueingSink : public JobSink {
 public:
  /// `observer` (may be null) hears of the start at once, on the plugin's
  /// thread. `secrets` are the values to mask (those of 4 bytes or more).
  QueueingSink(JobEventQueue& queue, int64_t jobId, int64_t outputLimit, JobObserver* observer,
               const std::vector<std::string>& secrets);

  void onStarted(int64_t pid, std::string_view externalRef) override;
  void onOutput(int32_t stream, std::string_view bytes) override;
  void onFinished(const JobResult& result) override;

 private:
  /// Caps and queues masked output.
  void store(int32_t stream, std::string_view bytes);

  JobEventQueue& _queue;
  const int64_t _jobId;
  const int64_t _outputLimit;
  JobObserver* const _observer;
  int64_t _seq = 0;
  int64_t _stored = 0;
  int64_t _dropped = 0;
  SecretMasker _stdoutMask;
  SecretMasker _stderrMask;
};

}  // namespace MultiFlexi
