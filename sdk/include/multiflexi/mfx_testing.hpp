// MultiFlexi plugin ABI v1 - a fake host for plugin unit tests.
//
// Header-only C++17. Link your plugin's code into a test binary, hand its
// mfx_plugin_init to FakeHost::load, and drive its components without the
// daemon:
//
//   mfx::testing::FakeHost host;
//   host.setConfig("kill_grace_ms", "200");
//   BOOST_REQUIRE_EQUAL(host.load(&mfx_plugin_init), MFX_OK);
//   auto job = host.executor("native").start(mfx::testing::JobRequest{{"/bin/echo", "hi"}});
//   job->waitFinished(std::chrono::seconds(5));
//   BOOST_TEST(job->stdoutText() == "hi\n");
//
// The fake host applies the same registration rules as the real host
// (mfx_rules.hpp), checks the event protocol (started before output, finished
// exactly once and last) and records violations instead of crashing.
#ifndef MULTIFLEXI_MFX_TESTING_HPP
#define MULTIFLEXI_MFX_TESTING_HPP

#include <multiflexi/mfx_plugin.h>
#include <multiflexi/mfx_rules.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

struct mfx_status {
  mfx_rc code = MFX_OK;
  std::string message;
};

namespace mfx::testing::detail {
class FakeHostBase;
}

struct mfx_host_ctx {
  mfx::testing::detail::FakeHostBase* host = nullptr;
};

namespace mfx::testing {

/// A job to start: argv, environment, working directory, timeout, options.
struct JobRequest {
  JobRequest() = default;
  JobRequest(std::vector<std::string> argvIn,
             std::vector<std::pair<std::string, std::string>> envIn = {})
      : argv(std::move(argvIn)), env(std::move(envIn)) {}

  std::vector<std::string> argv;
  std::vector<std::pair<std::string, std::string>> env;
  std::string workingDir;
  std::chrono::milliseconds timeout{0};
  std::string optionsJson;
  int64_t companyId = 1;
  int64_t jobId = 1;
  std::vector<std::string> secretKeys;     ///< env keys flagged MFX_KV_SECRET
  std::vector<std::string> inheritedKeys;  ///< env keys flagged MFX_KV_INHERITED
  /// When set, output chunks go here instead of being kept in memory.
  std::function<void(int32_t stream, std::string_view bytes)> onOutput;
};

/// A started job: owns the spec and the host side of its events.
class FakeJob {
 public:
  /// How the job ended, as reported by finished().
  struct ExitInfoCopy {
    int32_t outcome;
    int32_t exitCode;
    int32_t termSignal;
    std::string message;
  };

  explicit FakeJob(JobRequest request) : _request(std::move(request)) { buildSpec(); }
  FakeJob(const FakeJob&) = delete;
  FakeJob& operator=(const FakeJob&) = delete;
  ~FakeJob() { release(); }

  /// Waits until finished() arrived. Returns false on timeout.
  bool waitFinished(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(_mutex);
    return _cv.wait_for(lock, timeout, [this] { return _exit.has_value(); });
  }
  /// Asks the executor to cancel the job.
  mfx_rc cancel(std::chrono::milliseconds grace) {
    mfx_status st;
    return _executor->cancel(_handle, grace.count(), &st);
  }

  std::string stdoutText() const { std::lock_guard<std::mutex> l(_mutex); return _out; }
  std::string stderrText() const { std::lock_guard<std::mutex> l(_mutex); return _err; }
  std::optional<int64_t> pid() const { std::lock_guard<std::mutex> l(_mutex); return _pid; }
  std::string externalRef() const { std::lock_guard<std::mutex> l(_mutex); return _ref; }
  /// Outcome, exit code, signal and message once finished.
  std::optional<ExitInfoCopy> exitInfo() const {
    std::lock_guard<std::mutex> l(_mutex);
    return _exit;
  }
  uint64_t bytes(int32_t stream) const {
    std::lock_guard<std::mutex> l(_mutex);
    return stream == MFX_STREAM_STDOUT ? _outBytes : _errBytes;
  }
  std::size_t largestChunk() const { std::lock_guard<std::mutex> l(_mutex); return _largestChunk; }
  /// Protocol violations seen (output before started, events after finished,
  /// finished twice, unknown stream). Empty for a well-behaved executor.
  std::vector<std::string> violations() const {
    std::lock_guard<std::mutex> l(_mutex);
    return _violations;
  }

  // Used by ExecutorProbe.
  const mfx_job_spec* spec() const { return &_spec; }
  const mfx_job_events* events() const { return &_events; }
  void attach(const mfx_executor* executor, void* handle) {
    _executor = executor;
    _handle = handle;
  }


 private:
  void buildSpec() {
    for (const auto& a : _request.argv) _argv.push_back(mfx_str{a.data(), a.size()});
    for (const auto& [k, v] : _request.env) {
      const auto listed = [&k = k](const std::vector<std::string>& keys) {
        return std::find(keys.begin(), keys.end(), k) != keys.end();
      };
      const uint32_t flags = (listed(_request.secretKeys) ? MFX_KV_SECRET : 0u) |
                             (listed(_request.inheritedKeys) ? MFX_KV_INHERITED : 0u);
      _env.push_back(mfx_kv{mfx_str{k.data(), k.size()}, mfx_str{v.data(), v.size()}, flags});
    }
    _spec = mfx_job_spec{};
    _spec.struct_size = sizeof _spec;
    _spec.scope = mfx_scope{_request.companyId, _request.jobId};
    _spec.argv = _argv.data();
    _spec.argc = _argv.size();
    _spec.env = _env.data();
    _spec.env_count = _env.size();
    _spec.working_dir = mfx_str{_request.workingDir.data(), _request.workingDir.size()};
    _spec.timeout_ms = _request.timeout.count();
    _spec.options_json = mfx_str{_request.optionsJson.data(), _request.optionsJson.size()};
    _events = mfx_job_events{};
    _events.struct_size = sizeof _events;
    _events.host_job = this;
    _events.started = &FakeJob::onStarted;
    _events.output = &FakeJob::onOutput;
    _events.finished = &FakeJob::onFinished;
  }

  void release() {
    if (_executor != nullptr && _handle != nullptr) {
      // The contract: destroy only after finished. A test that forgot to wait
      // gets a violation recorded and a bounded wait instead of a crash.
      if (!waitFinished(std::chrono::seconds(30))) return;  // leak rather than crash
      _executor->destroy(_handle);
      _handle = nullptr;
    }
  }

  static void onStarted(void* self, int64_t pid, mfx_str ref) {
    auto* job = static_cast<FakeJob*>(self);
    std::lock_guard<std::mutex> l(job->_mutex);
    if (job->_exit) job->_violations.push_back("started() after finished()");
    if (job->_pid) job->_violations.push_back("started() called twice");
    job->_pid = pid;
    job->_ref.assign(ref.ptr ? ref.ptr : "", ref.len);
  }

  static void onOutput(void* self, int32_t stream, mfx_str bytes) {
    auto* job = static_cast<FakeJob*>(self);
    std::function<void(int32_t, std::string_view)> sink;
    {
      std::lock_guard<std::mutex> l(job->_mutex);
      if (job->_exit) job->_violations.push_back("output() after finished()");
      if (!job->_pid) job->_violations.push_back("output() before started()");
      if (stream != MFX_STREAM_STDOUT && stream != MFX_STREAM_STDERR)
        job->_violations.push_back("output() on unknown stream " + std::to_string(stream));
      job->_largestChunk = std::max(job->_largestChunk, bytes.len);
      (stream == MFX_STREAM_STDOUT ? job->_outBytes : job->_errBytes) += bytes.len;
      if (job->_request.onOutput)
        sink = job->_request.onOutput;
      else
        (stream == MFX_STREAM_STDOUT ? job->_out : job->_err).append(bytes.ptr ? bytes.ptr : "", bytes.len);
    }
    if (sink) sink(stream, std::string_view(bytes.ptr ? bytes.ptr : "", bytes.len));
  }

  static void onFinished(void* self, const mfx_exit_info* info) {
    auto* job = static_cast<FakeJob*>(self);
    {
      std::lock_guard<std::mutex> l(job->_mutex);
      if (job->_exit) {
        job->_violations.push_back("finished() called twice");
        return;
      }
      job->_exit = ExitInfoCopy{info->outcome, info->exit_code, info->term_signal,
                                std::string(info->message.ptr ? info->message.ptr : "",
                                            info->message.len)};
    }
    job->_cv.notify_all();
  }

  JobRequest _request;
  std::vector<mfx_str> _argv;
  std::vector<mfx_kv> _env;
  mfx_job_spec _spec{};
  mfx_job_events _events{};
  const mfx_executor* _executor = nullptr;
  void* _handle = nullptr;

  mutable std::mutex _mutex;
  std::condition_variable _cv;
  std::optional<int64_t> _pid;
  std::string _ref;
  std::string _out;
  std::string _err;
  uint64_t _outBytes = 0;
  uint64_t _errBytes = 0;
  std::size_t _largestChunk = 0;
  std::optional<ExitInfoCopy> _exit;
  std::vector<std::string> _violations;
};

/// Thrown by ExecutorProbe::start when the executor refused to start.
class StartRefused : public std::runtime_error {
 public:
  StartRefused(mfx_rc code, const std::string& message)
      : std::runtime_error(message), _code(code) {}
  mfx_rc code() const noexcept { return _code; }

 private:
  mfx_rc _code;
};

/// Drives one registered executor.
class ExecutorProbe {
 public:
  explicit ExecutorProbe(const mfx_executor* table) : _table(table) {}

  /// Starts a job; throws StartRefused when start() fails.
  std::unique_ptr<FakeJob> start(JobRequest request) const {
    auto job = std::make_unique<FakeJob>(std::move(request));
    void* handle = nullptr;
    mfx_status st;
    const mfx_rc rc = _table->start(_table->type_data, job->spec(), job->events(), &handle, &st);
    if (rc != MFX_OK) {
      if (handle != nullptr) throw std::logic_error("start() failed but returned a job handle");
      throw StartRefused(rc, st.message);
    }
    if (handle == nullptr) throw std::logic_error("start() succeeded without a job handle");
    job->attach(_table, handle);
    return job;
  }

  /// Calls can_run; returns the refusal reason, or nothing when accepted.
  std::optional<std::string> refusal(const std::string& appJson) const {
    if (_table->can_run == nullptr) return std::nullopt;
    mfx_status st;
    if (_table->can_run(_table->type_data, mfx_str{appJson.data(), appJson.size()}, &st) == MFX_OK)
      return std::nullopt;
    return st.message;
  }

  const mfx_executor& table() const { return *_table; }

 private:
  const mfx_executor* _table;
};

/// Drives one registered credential type.
class CredentialTypeProbe {
 public:
  explicit CredentialTypeProbe(const mfx_credential_type* table) : _table(table) {}

  /// Validates; returns the error message, or nothing when valid.
  std::optional<std::string> validate(const std::string& configJson) const {
    mfx_status st;
    if (_table->validate(_table->type_data, mfx_str{configJson.data(), configJson.size()}, &st) ==
        MFX_OK)
      return std::nullopt;
    return st.message;
  }

  struct Resolved {
    mfx_rc code = MFX_OK;
    std::string message;
    std::map<std::string, std::string> values;
    std::vector<std::string> secretNames;
  };

  Resolved resolve(const std::string& configJson, int64_t companyId = 1, int64_t jobId = 1) const {
    Resolved out;
    mfx_status st;
    const mfx_scope scope{companyId, jobId};
    out.code = _table->resolve(
        _table->type_data, &scope, mfx_str{configJson.data(), configJson.size()},
        [](void* user, mfx_str name, mfx_str value, uint32_t flags) {
          auto* r = static_cast<Resolved*>(user);
          std::string key(name.ptr ? name.ptr : "", name.len);
          r->values[key].assign(value.ptr ? value.ptr : "", value.len);
          if (flags & MFX_KV_SECRET) r->secretNames.push_back(key);
        },
        &out, &st);
    out.message = st.message;
    return out;
  }

  const mfx_credential_type& table() const { return *_table; }

 private:
  const mfx_credential_type* _table;
};

/// One lifecycle event as a test writes it; send() turns it into the
/// mfx_job_event a monitor receives from the host.
struct TestJobEvent {
  int32_t kind = MFX_EV_FINISHED;
  int64_t companyId = 1;
  int64_t jobId = 1;
  int64_t runtemplateId = 1;
  std::string appUuid = "00000000-0000-4000-8000-000000000000";
  std::string executorId = "native";
  int64_t timestampMs = 0;
  int64_t durationMs = 0;
  int32_t exitCode = -1;
  std::string attributesJson;  ///< a JSON object as the host builds it (sdk/README.md)
};

/// Drives a registered monitor the way the host does: only kinds in its
/// event_mask are delivered, one call at a time.
class MonitorProbe {
 public:
  explicit MonitorProbe(const mfx_monitor* table) : _table(table) {}

  bool accepts(int32_t kind) const { return (_table->event_mask & MFX_EV_BIT(kind)) != 0; }

  /// Delivers `event` when the monitor's mask names its kind; returns
  /// whether it was delivered.
  bool send(const TestJobEvent& event) const {
    if (!accepts(event.kind)) return false;
    mfx_job_event ev{};
    ev.struct_size = sizeof ev;
    ev.kind = event.kind;
    ev.scope = mfx_scope{event.companyId, event.jobId};
    ev.runtemplate_id = event.runtemplateId;
    ev.app_uuid = mfx_str{event.appUuid.data(), event.appUuid.size()};
    ev.executor_id = mfx_str{event.executorId.data(), event.executorId.size()};
    ev.timestamp_ms = event.timestampMs;
    ev.duration_ms = event.durationMs;
    ev.exit_code = event.exitCode;
    ev.attributes_json = mfx_str{event.attributesJson.data(), event.attributesJson.size()};
    _table->on_event(_table->type_data, &ev);
    return true;
  }

  /// Calls the monitor's flush, when it has one.
  void flush() const {
    if (_table->flush) _table->flush(_table->type_data);
  }

  const mfx_monitor& table() const { return *_table; }

 private:
  const mfx_monitor* _table;
};

namespace detail {
/// State of the fake host shared with its C trampolines.
class FakeHostBase {
 public:
  struct LogLine {
    int32_t level;
    std::string message;
  };

  std::map<std::string, std::string> config;
  std::map<std::pair<int64_t, std::string>, std::string> secrets;
  std::vector<LogLine> logs;
  std::vector<std::string> refusals;  ///< reasons of refused registrations
  std::vector<mfx_executor> executors;
  std::vector<mfx_credential_type> credentialTypes;
  std::vector<mfx_monitor> monitors;
  bool initializing = false;
  mutable std::mutex mutex;
};
}  // namespace detail

/// The fake host. Not copyable; keep it alive as long as the plugin's
/// components are in use. Its destructor calls free_type_data.
class FakeHost : private detail::FakeHostBase {
 public:
  FakeHost() {
    _ctx.host = this;
    _api = mfx_host_api{};
    _api.struct_size = sizeof _api;
    _api.abi_major = MFX_ABI_MAJOR;
    _api.abi_minor = MFX_ABI_MINOR;
    _api.log_enabled = [](mfx_host_ctx*, int32_t) -> int32_t { return 1; };
    _api.log = [](mfx_host_ctx* ctx, int32_t level, mfx_str message) {
      std::lock_guard<std::mutex> l(ctx->host->mutex);
      ctx->host->logs.push_back({level, std::string(message.ptr ? message.ptr : "", message.len)});
    };
    _api.status_set = [](mfx_status* st, mfx_rc code, mfx_str message) {
      if (st == nullptr) return;
      st->code = code;
      st->message.assign(message.ptr ? message.ptr : "", message.len);
    };
    _api.register_executor = [](mfx_host_ctx* ctx, const mfx_executor* t, size_t size,
                                mfx_status* st) {
      return admit(ctx, st, size, t, ctx->host->executors, &mfx::rules::checkExecutor);
    };
    _api.register_credential_type = [](mfx_host_ctx* ctx, const mfx_credential_type* t,
                                       size_t size, mfx_status* st) {
      return admit(ctx, st, size, t, ctx->host->credentialTypes, &mfx::rules::checkCredentialType);
    };
    _api.register_monitor = [](mfx_host_ctx* ctx, const mfx_monitor* t, size_t size,
                               mfx_status* st) {
      return admit(ctx, st, size, t, ctx->host->monitors, &mfx::rules::checkMonitor);
    };
    _api.config_get = [](mfx_host_ctx* ctx, mfx_str key, mfx_recv_fn recv, void* user,
                         mfx_status*) -> mfx_rc {
      std::string value;
      {
        std::lock_guard<std::mutex> l(ctx->host->mutex);
        auto it = ctx->host->config.find(std::string(key.ptr ? key.ptr : "", key.len));
        if (it == ctx->host->config.end()) return MFX_E_NOT_FOUND;
        value = it->second;
      }
      recv(user, mfx_str{value.data(), value.size()});
      return MFX_OK;
    };
    _api.secret_get = [](mfx_host_ctx* ctx, const mfx_scope* scope, mfx_str name, mfx_recv_fn recv,
                         void* user, mfx_status*) -> mfx_rc {
      std::string value;
      {
        std::lock_guard<std::mutex> l(ctx->host->mutex);
        auto it = ctx->host->secrets.find(
            {scope->company_id, std::string(name.ptr ? name.ptr : "", name.len)});
        if (it == ctx->host->secrets.end()) return MFX_E_NOT_FOUND;
        value = it->second;
      }
      recv(user, mfx_str{value.data(), value.size()});
      std::fill(value.begin(), value.end(), '\0');
      return MFX_OK;
    };
  }
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  ~FakeHost() {
    for (auto& m : monitors)
      if (m.flush) m.flush(m.type_data);
    for (auto& m : monitors)
      if (m.free_type_data) m.free_type_data(m.type_data);
    for (auto& c : credentialTypes)
      if (c.free_type_data) c.free_type_data(c.type_data);
    for (auto& e : executors)
      if (e.free_type_data) e.free_type_data(e.type_data);
  }

  void setConfig(const std::string& key, const std::string& value) { config[key] = value; }
  void setSecret(int64_t companyId, const std::string& name, const std::string& value) {
    secrets[{companyId, name}] = value;
  }

  /// Calls the plugin's init. Returns its result; on failure lastError() has
  /// the status message. A refused registration makes load fail too, as in
  /// the real host.
  mfx_rc load(mfx_plugin_init_fn init) {
    mfx_status st;
    initializing = true;
    const std::size_t refusedBefore = refusals.size();
    mfx_rc rc = init(&_api, &_ctx, &st);
    initializing = false;
    _lastError = st.message;
    if (rc == MFX_OK && refusals.size() != refusedBefore) {
      rc = MFX_E_INVALID;
      _lastError = refusals.back();
    }
    return rc;
  }

  const std::string& lastError() const { return _lastError; }
  const std::vector<LogLine>& logLines() const { return logs; }
  /// True when some log line contains `text`. Safe while plugin threads log.
  bool logged(const std::string& text) const {
    std::lock_guard<std::mutex> lock(mutex);
    return std::any_of(logs.begin(), logs.end(),
                       [&](const LogLine& l) { return l.message.find(text) != std::string::npos; });
  }
  const std::vector<std::string>& refusedRegistrations() const { return refusals; }

  ExecutorProbe executor(const std::string& id) const {
    for (const auto& e : executors)
      if (id == e.id) return ExecutorProbe(&e);
    throw std::out_of_range("no executor '" + id + "' registered");
  }
  CredentialTypeProbe credentialType(const std::string& id) const {
    for (const auto& c : credentialTypes)
      if (id == c.id) return CredentialTypeProbe(&c);
    throw std::out_of_range("no credential type '" + id + "' registered");
  }
  MonitorProbe monitor(const std::string& id) const {
    for (const auto& m : monitors)
      if (id == m.id) return MonitorProbe(&m);
    throw std::out_of_range("no monitor '" + id + "' registered");
  }

  const mfx_host_api* api() const { return &_api; }
  mfx_host_ctx* ctx() { return &_ctx; }

 private:
  template <class Table, class Check>
  static mfx_rc admit(mfx_host_ctx* ctx, mfx_status* st, size_t size, const Table* table,
                      std::vector<Table>& into, Check check) {
    detail::FakeHostBase& host = *ctx->host;
    auto refuse = [&](mfx_rc code, const std::string& reason) {
      host.refusals.push_back(reason);
      if (st != nullptr) {
        st->code = code;
        st->message = reason;
      }
      return code;
    };
    if (!host.initializing)
      return refuse(MFX_E_DENIED, "registration outside mfx_plugin_init");
    if (table == nullptr) return refuse(MFX_E_INVALID, "registration of a NULL table");
    Table copy = mfx::rules::zeroExtendedCopy(table, size);
    if (auto reason = check(copy, size)) return refuse(MFX_E_INVALID, *reason);
    for (const auto& existing : into)
      if (std::string(existing.id) == copy.id)
        return refuse(MFX_E_INVALID, "duplicate id '" + std::string(copy.id) + "'");
    into.push_back(copy);
    return MFX_OK;
  }

  mfx_host_api _api{};
  mfx_host_ctx _ctx{};
  std::string _lastError;
};

}  // namespace mfx::testing

#endif  // MULTIFLEXI_MFX_TESTING_HPP
