#include "plugin/HostJob.h"

#include "plugin/HostContext.h"

#include <multiflexi/mfx_rules.hpp>

#include <Poco/Logger.h>

namespace MultiFlexi {

namespace {

Poco::Logger& logger() { return Poco::Logger::get("multiflexi.executor"); }

mfx_str borrow(const std::string& s) { return mfx_str{s.data(), s.size()}; }

bool knownOutcome(int32_t outcome) {
  return outcome >= MFX_EXIT_EXITED && outcome <= MFX_EXIT_LOST;
}

}  // namespace

HostJob::HostJob(const mfx_executor& executor, JobRequest request, JobSink& sink)
    : _executor(executor), _request(std::move(request)), _sink(sink) {
  for (const auto& arg : _request.argv) _argv.push_back(borrow(arg));
  for (const auto& var : _request.env)
    _env.push_back(mfx_kv{borrow(var.key), borrow(var.value),
                          (var.secret ? MFX_KV_SECRET : 0u) | (var.inherited ? MFX_KV_INHERITED : 0u)});
  _spec.struct_size = sizeof _spec;
  _spec.scope = mfx_scope{_request.companyId, _request.jobId};
  _spec.runtemplate_id = _request.runtemplateId;
  _spec.app_uuid = borrow(_request.appUuid);
  _spec.argv = _argv.data();
  _spec.argc = _argv.size();
  _spec.env = _env.data();
  _spec.env_count = _env.size();
  _spec.working_dir = borrow(_request.workingDir);
  _spec.timeout_ms = _request.timeout.count();
  _spec.options_json = borrow(_request.optionsJson);
  _events.struct_size = sizeof _events;
  _events.host_job = this;
  _events.started = &HostJob::onStarted;
  _events.output = &HostJob::onOutput;
  _events.finished = &HostJob::onFinished;
}

HostJob::~HostJob() {
  bool started;
  bool running;
  {
    std::lock_guard<std::mutex> lock(_mutex);
    started = _started;
    running = _started && !_result;
  }
  if (!started) return;
  if (running) cancel(std::chrono::milliseconds(0));
  if (!waitFor(std::chrono::seconds(30)))
    logger().error("executor '%s' never finished job %?d; its handle is leaked",
                   std::string(_executor.id), _request.jobId);
}

void HostJob::start() {
  mfx_status status;
  void* handle = nullptr;
  const mfx_rc rc = _executor.start(_executor.type_data, &_spec, &_events, &handle, &status);
  if (rc != MFX_OK) {
    if (handle != nullptr)
      logger().error("executor '%s' returned a job handle from a failed start; ignoring it",
                     std::string(_executor.id));
    {
      std::lock_guard<std::mutex> lock(_mutex);
      _started = true;
    }
    std::string message = status.message.empty() ? mfx::rules::rcName(rc) : status.message;
    finish(JobResult{MFX_EXIT_LAUNCH_FAILED, -1, 0, std::move(message)});
    return;
  }
  std::lock_guard<std::mutex> lock(_mutex);
  _handle = handle;
  _started = true;
  _finishedCv.notify_all();
}

void HostJob::cancel(std::chrono::milliseconds grace) {
  std::lock_guard<std::mutex> lock(_mutex);
  if (_handle == nullptr || _released || _result) return;
  mfx_status status;
  if (_executor.cancel(_handle, grace.count(), &status) != MFX_OK)
    logger().warning("cancel of job %?d failed: %s", _request.jobId,
                     status.message);
}

JobResult HostJob::wait() {
  std::unique_lock<std::mutex> lock(_mutex);
  _finishedCv.wait(lock, [this] { return _started && _result.has_value(); });
  lock.unlock();
  releaseHandle();
  return *_result;
}

std::optional<JobResult> HostJob::waitFor(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(_mutex);
  if (!_finishedCv.wait_for(lock, timeout, [this] { return _started && _result.has_value(); }))
    return std::nullopt;
  lock.unlock();
  releaseHandle();
  return _result;
}

void HostJob::releaseHandle() {
  std::lock_guard<std::mutex> lock(_mutex);
  if (_released) return;
  _released = true;
  if (_handle != nullptr) _executor.destroy(_handle);
  _handle = nullptr;
}

void HostJob::finish(JobResult result) {
  _sink.onFinished(result);
  std::lock_guard<std::mutex> lock(_mutex);
  _result = std::move(result);
  _finishedCv.notify_all();
}

void HostJob::onStarted(void* self, int64_t pid, mfx_str ref) {
  auto* job = static_cast<HostJob*>(self);
  {
    std::lock_guard<std::mutex> lock(job->_mutex);
    if (job->_result || job->_reportedStart) {
      logger().warning("executor '%s' reported start of job %?d twice or after its end; ignored",
                       std::string(job->_executor.id), job->_request.jobId);
      return;
    }
    job->_reportedStart = true;
  }
  job->_sink.onStarted(pid, std::string_view(ref.ptr ? ref.ptr : "", ref.len));
}

void HostJob::onOutput(void* self, int32_t stream, mfx_str bytes) {
  auto* job = static_cast<HostJob*>(self);
  {
    std::lock_guard<std::mutex> lock(job->_mutex);
    if (job->_result) {
      logger().warning("executor '%s' sent output after job %?d finished; dropped",
                       std::string(job->_executor.id), job->_request.jobId);
      return;
    }
  }
  if (stream != MFX_STREAM_STDOUT && stream != MFX_STREAM_STDERR) {
    logger().warning("executor '%s' sent output on unknown stream %d; treated as stderr",
                     std::string(job->_executor.id), static_cast<int>(stream));
    stream = MFX_STREAM_STDERR;
  }
  job->_sink.onOutput(stream, std::string_view(bytes.ptr ? bytes.ptr : "", bytes.len));
}

void HostJob::onFinished(void* self, const mfx_exit_info* info) {
  auto* job = static_cast<HostJob*>(self);
  {
    std::lock_guard<std::mutex> lock(job->_mutex);
    if (job->_result) {
      logger().error("executor '%s' finished job %?d twice; the second report is ignored",
                     std::string(job->_executor.id), job->_request.jobId);
      return;
    }
  }
  JobResult result;
  if (info == nullptr || info->struct_size < offsetof(mfx_exit_info, message) + sizeof(mfx_str)) {
    result.message = "executor reported an unreadable exit record";
  } else {
    result.outcome = knownOutcome(info->outcome) ? info->outcome : MFX_EXIT_LOST;
    result.exitCode = info->exit_code;
    result.termSignal = info->term_signal;
    result.message.assign(info->message.ptr ? info->message.ptr : "", info->message.len);
    if (!knownOutcome(info->outcome))
      result.message = "unknown outcome " + std::to_string(info->outcome) + "; " + result.message;
  }
  job->finish(std::move(result));
}

}  // namespace MultiFlexi
