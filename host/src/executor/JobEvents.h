// What running jobs report to the executor loop: their start, output and
// end, queued from plugin threads in the order they happened. Output is
// numbered per job, capped per job (the head and the tail are kept, a marker
// between says how much was left out), and bounded in memory: a producer
// waits while too much is queued.
#pragma once

#include "common/Clock.h"
#include "executor/SecretMasker.h"
#include "plugin/HostJob.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

struct JobEnd;
struct Job;
struct LostJob;

/// A job's start as the executor recorded it.
struct JobStartReport {
  int64_t jobId = 0;
  int64_t pid = 0;          ///< 0: no local process
  Instant at = 0;
  std::string resultFile;   ///< the base name of the job's RESULT_FILE; empty when none
};

/// A job's end as the executor recorded it, with what only the executor
/// still holds once the working directory is gone.
struct JobEndReport {
  int64_t jobId = 0;
  const JobEnd* end = nullptr;  ///< borrowed for the call
  std::string resultFile;       ///< as in JobStartReport
  std::optional<std::string> resultData;  ///< the collected result file's content (masked), when any
};

/// Told about jobs as they start and as their end is recorded (benchmarks,
/// the monitor dispatcher). Must be thread-safe. The executor never depends
/// on who listens (monitor/ implements this, never the reverse).
class JobObserver {
 public:
  virtual ~JobObserver() = default;
  /// The job's process exists (called on the executor plugin's thread).
  virtual void jobStarted(int64_t jobId, int64_t pid) = 0;
  /// The job's end is recorded (called on the executor's loop thread).
  virtual void jobFinished(int64_t jobId, const JobEnd& end) = 0;
  /// The rest is called on the loop thread after the pass that recorded it
  /// committed; each must return at once (queue, never block).
  /// Jobs this executor claimed.
  virtual void jobsClaimed(const std::vector<Job>&) {}
  /// A job's start is recorded.
  virtual void jobStartRecorded(const JobStartReport&) {}
  /// A job's end is recorded (before jobFinished).
  virtual void jobEndRecorded(const JobEndReport&) {}
  /// Jobs declared lost (their executor stopped renewing their lease).
  virtual void jobsLost(const std::vector<LostJob>&) {}
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
  int64_t droppedBytes = 0;  ///< Finished: output over the cap, left out between head and tail
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
///
/// Over the cap (`outputLimit` bytes per job, both streams) the output keeps
/// its head and its tail: the head (the limit less the tail) is queued as it
/// comes; the tail (half the limit, at most kMaxTail) is held in a ring and
/// queued when the job ends, after a marker saying how many bytes were left
/// out. Masking happens before the cut, so the tail is masked too.
class QueueingSink : public JobSink {
 public:
  /// The most output of one job held in memory for its tail.
  static constexpr int64_t kMaxTail = 1 << 20;

  /// `observer` (may be null) hears of the start at once, on the plugin's
  /// thread. `secrets` are the values to mask (those of 4 bytes or more).
  QueueingSink(JobEventQueue& queue, int64_t jobId, int64_t outputLimit, JobObserver* observer,
               const std::vector<std::string>& secrets);

  void onStarted(int64_t pid, std::string_view externalRef) override;
  void onOutput(int32_t stream, std::string_view bytes) override;
  void onFinished(const JobResult& result) override;

 private:
  /// Caps and queues masked output (the head), or keeps it for the tail.
  void store(int32_t stream, std::string_view bytes);
  /// Keeps `bytes` in the tail ring, forgetting what is older than the tail.
  void keepTail(int32_t stream, std::string_view bytes);
  /// Queues the marker and the tail (at the end of the job).
  void flushTail();
  void queueOutput(int32_t stream, std::string bytes);

  JobEventQueue& _queue;
  const int64_t _jobId;
  const int64_t _outputLimit;
  const int64_t _tailLimit;
  JobObserver* const _observer;
  int64_t _seq = 0;
  int64_t _stored = 0;   // head bytes queued
  bool _headFull = false;
  std::deque<std::pair<int32_t, std::string>> _tail;
  int64_t _tailBytes = 0;
  int64_t _dropped = 0;  // bytes left out between head and tail
  SecretMasker _stdoutMask;
  SecretMasker _stderrMask;
};

}  // namespace MultiFlexi
