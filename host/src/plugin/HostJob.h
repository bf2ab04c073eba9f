// One job running through an executor plugin, seen from the host: owns the
// mfx_job_spec and the mfx_job_events the plugin borrows, checks the event
// protocol, and calls the plugin's destroy once the job has finished.
#pragma once

#include <multiflexi/mfx_plugin.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace MultiFlexi {

/// One environment variable handed to a job.
struct EnvEntry {
  std::string key;
  std::string value;
  bool secret = false;
  bool inherited = false;  ///< copied from the daemon's environment (MFX_KV_INHERITED)
};

/// What to run, in host terms.
struct JobRequest {
  int64_t companyId = 0;
  int64_t jobId = 0;
  int64_t runtemplateId = 0;
  std::string appUuid;
  std::vector<std::string> argv;
  std::vector<EnvEntry> env;
  std::string workingDir;
  std::chrono::milliseconds timeout{0};
  std::string optionsJson;
};

/// How a job ended (outcome is an MFX_EXIT_* value).
struct JobResult {
  int32_t outcome = MFX_EXIT_LOST;
  int32_t exitCode = -1;
  int32_t termSignal = 0;
  std::string message;
};

/// Receives a job's events. Called from plugin threads; calls for one job
/// never overlap, onFinished comes exactly once and last.
class JobSink {
 public:
  virtual ~JobSink() = default;
  virtual void onStarted(int64_t pid, std::string_view externalRef) = 0;
  virtual void onOutput(int32_t stream, std::string_view bytes) = 0;
  virtual void onFinished(const JobResult& result) = 0;
};

class HostJob {
 public:
  /// Prepares the job; start() runs it. The sink must outlive the HostJob.
  HostJob(const mfx_executor& executor, JobRequest request, JobSink& sink);
  HostJob(const HostJob&) = delete;
  HostJob& operator=(const HostJob&) = delete;
  /// Waits for the job to end (cancelling it first if it still runs) and
  /// releases the plugin's handle.
  ~HostJob();

  /// Calls the plugin's start. When it refuses, the job finishes at once as
  /// MFX_EXIT_LAUNCH_FAILED with the plugin's message.
  void start();
  /// Asks the plugin to stop the job; does nothing once it has finished.
  void cancel(std::chrono::milliseconds grace);
  /// Blocks until the job has finished, then releases the plugin's handle.
  JobResult wait();
  /// As wait(), but gives up after `timeout`.
  std::optional<JobResult> waitFor(std::chrono::milliseconds timeout);

 private:
  static void onStarted(void* self, int64_t pid, mfx_str ref);
  static void onOutput(void* self, int32_t stream, mfx_str bytes);
  static void onFinished(void* self, const mfx_exit_info* info);
  void finish(JobResult result);
  void releaseHandle();

  const mfx_executor& _executor;
  JobRequest _request;
  JobSink& _sink;
  std::vector<mfx_str> _argv;
  std::vector<mfx_kv> _env;
  mfx_job_spec _spec{};
  mfx_job_events _events{};

  std::mutex _mutex;
  std::condition_variable _finishedCv;
  void* _handle = nullptr;
  bool _started = false;
  bool _reportedStart = false;
  std::optional<JobResult> _result;
  bool _released = false;
};

}  // namespace MultiFlexi
