// MultiFlexi plugin ABI v1 - header-only C++17 wrapper.
//
// Lets a plugin author write ordinary C++ classes (Executor, Job,
// CredentialType, Monitor) while the wrapper owns the translation rules of
// the C contract in mfx_plugin.h:
//   - std::string_view in and out, mfx_str underneath;
//   - exceptions never cross the boundary: every trampoline is noexcept and
//     maps mfx::Error to its code, anything else to MFX_E_INTERNAL + what();
//   - job handles are std::unique_ptr<Job>, released in the destroy call;
//   - members newer than the host are checked with MFX_HAS and degrade to
//     MFX_E_UNSUPPORTED.
//
// A plugin defines its entry points with one macro:
//
//   MFX_PLUGIN("org.example.hello", "1.0.0", [](mfx::Registrar& r, const mfx::Host& host) {
//     r.executor("hello", "Hello", "Prints hello", std::make_unique<HelloExecutor>(host));
//   });
#ifndef MULTIFLEXI_MFX_PLUGIN_HPP
#define MULTIFLEXI_MFX_PLUGIN_HPP

#include <multiflexi/mfx_plugin.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mfx {

/// Log levels of Host::log (Poco::Message::Priority values).
enum class Level : int32_t {
  Fatal = MFX_LOG_FATAL,
  Critical = MFX_LOG_CRITICAL,
  Error = MFX_LOG_ERROR,
  Warning = MFX_LOG_WARNING,
  Notice = MFX_LOG_NOTICE,
  Information = MFX_LOG_INFORMATION,
  Debug = MFX_LOG_DEBUG,
  Trace = MFX_LOG_TRACE,
};

/// An error that crosses the boundary as a result code plus message.
class Error : public std::runtime_error {
 public:
  Error(mfx_rc code, const std::string& message) : std::runtime_error(message), _code(code) {}
  /// The mfx_rc this error becomes at the boundary.
  mfx_rc code() const noexcept { return _code; }

 private:
  mfx_rc _code;
};

struct Invalid : Error { explicit Invalid(const std::string& m) : Error(MFX_E_INVALID, m) {} };
struct Unsupported : Error { explicit Unsupported(const std::string& m) : Error(MFX_E_UNSUPPORTED, m) {} };
struct NotFound : Error { explicit NotFound(const std::string& m) : Error(MFX_E_NOT_FOUND, m) {} };
struct Denied : Error { explicit Denied(const std::string& m) : Error(MFX_E_DENIED, m) {} };
struct Unavailable : Error { explicit Unavailable(const std::string& m) : Error(MFX_E_UNAVAILABLE, m) {} };

/// Views a borrowed mfx_str.
inline std::string_view view(mfx_str s) noexcept {
  return s.ptr == nullptr ? std::string_view() : std::string_view(s.ptr, s.len);
}
/// Borrows a string_view as mfx_str (valid while the viewed bytes are).
inline mfx_str str(std::string_view s) noexcept { return mfx_str{s.data(), s.size()}; }

/// Tenant and job a call acts for.
struct Scope {
  int64_t companyId = 0;
  int64_t jobId = 0;
  mfx_scope raw() const noexcept { return mfx_scope{companyId, jobId}; }
};

namespace detail {
inline void setStatus(const mfx_host_api* api, mfx_status* status, mfx_rc code,
                      std::string_view message) noexcept {
  if (api != nullptr && api->status_set != nullptr) api->status_set(status, code, str(message));
}

/// Raised by Registrar when the host refused a registration: the host has
/// already written the precise reason into the status, so the init
/// trampoline returns the code without overwriting it.
struct RegistrationRefused : Error {
  explicit RegistrationRefused(mfx_rc code) : Error(code, "registration refused by the host") {}
};

/// Runs f; converts any exception into a result code and status message.
template <class F>
mfx_rc guarded(const mfx_host_api* api, mfx_status* status, F&& f) noexcept {
  try {
    f();
    return MFX_OK;
  } catch (const RegistrationRefused& e) {
    return e.code();
  } catch (const Error& e) {
    setStatus(api, status, e.code(), e.what());
    return e.code() == MFX_OK ? MFX_E_INTERNAL : e.code();
  } catch (const std::exception& e) {
    setStatus(api, status, MFX_E_INTERNAL, e.what());
    return MFX_E_INTERNAL;
  } catch (...) {
    setStatus(api, status, MFX_E_INTERNAL, "unknown exception");
    return MFX_E_INTERNAL;
  }
}

template <class T>
void appendTo(void* user, mfx_str value) {
  static_cast<T*>(user)->assign(value.ptr == nullptr ? "" : value.ptr, value.len);
}
}  // namespace detail

/// The host services, as the plugin sees them. Cheap to copy; valid forever.
class Host {
 public:
  Host(const mfx_host_api* api, mfx_host_ctx* ctx) noexcept : _api(api), _ctx(ctx) {}

  /// True when a message of `level` would be written.
  bool logEnabled(Level level) const noexcept {
    return _api->log_enabled(_ctx, static_cast<int32_t>(level)) != 0;
  }
  /// Logs `message` tagged with the plugin id. Never log secret values.
  void log(Level level, std::string_view message) const noexcept {
    if (logEnabled(level)) _api->log(_ctx, static_cast<int32_t>(level), str(message));
  }

  /// The value of plugins.<plugin_id>.<key>, or nothing when unset.
  std::optional<std::string> config(std::string_view key) const {
    std::string value;
    const mfx_rc rc = _api->config_get(_ctx, str(key), &detail::appendTo<std::string>, &value, nullptr);
    if (rc == MFX_E_NOT_FOUND) return std::nullopt;
    if (rc != MFX_OK) throw Error(rc, "config_get(" + std::string(key) + ") failed");
    return value;
  }

  /// Calls use(std::string_view) with the secret `name` of `scope`. The value
  /// is wiped when use returns: copy it only into memory you wipe yourself.
  /// Returns false when the secret does not exist; throws Error otherwise.
  template <class F>
  bool withSecret(const Scope& scope, std::string_view name, F&& use) const {
    struct Call {
      F* use;
      std::exception_ptr failure;
    } call{&use, nullptr};
    const mfx_scope raw = scope.raw();
    const mfx_rc rc = _api->secret_get(
        _ctx, &raw, str(name),
        [](void* user, mfx_str value) {
          auto* c = static_cast<Call*>(user);
          try {
            (*c->use)(view(value));
          } catch (...) {
            c->failure = std::current_exception();
          }
        },
        &call, nullptr);
    if (call.failure) std::rethrow_exception(call.failure);
    if (rc == MFX_E_NOT_FOUND) return false;
    if (rc != MFX_OK) throw Error(rc, "secret_get(" + std::string(name) + ") failed");
    return true;
  }

  /// The host's ABI minor version (features newer than it are unavailable).
  uint16_t abiMinor() const noexcept { return _api->abi_minor; }
  const mfx_host_api* api() const noexcept { return _api; }
  mfx_host_ctx* ctx() const noexcept { return _ctx; }

 private:
  const mfx_host_api* _api;
  mfx_host_ctx* _ctx;
};

/// One environment variable of a job.
struct EnvVar {
  std::string_view key;
  std::string_view value;
  bool secret;
  bool inherited;  ///< MFX_KV_INHERITED: the host's own value, not the job's
};

/// Read-only view of the job the host asks to run. Valid until the job is
/// destroyed, so a Job may keep a copy of this view.
class JobSpec {
 public:
  explicit JobSpec(const mfx_job_spec* spec) noexcept : _spec(spec) {}

  Scope scope() const noexcept { return Scope{_spec->scope.company_id, _spec->scope.job_id}; }
  int64_t runtemplateId() const noexcept { return _spec->runtemplate_id; }
  std::string_view appUuid() const noexcept { return view(_spec->app_uuid); }
  std::size_t argc() const noexcept { return _spec->argc; }
  std::string_view arg(std::size_t i) const noexcept { return view(_spec->argv[i]); }
  std::vector<std::string_view> argv() const {
    std::vector<std::string_view> out;
    out.reserve(_spec->argc);
    for (std::size_t i = 0; i < _spec->argc; ++i) out.push_back(arg(i));
    return out;
  }
  std::size_t envCount() const noexcept { return _spec->env_count; }
  EnvVar env(std::size_t i) const noexcept {
    const mfx_kv& kv = _spec->env[i];
    return EnvVar{view(kv.key), view(kv.value), (kv.flags & MFX_KV_SECRET) != 0,
                  (kv.flags & MFX_KV_INHERITED) != 0};
  }
  std::string_view workingDir() const noexcept { return view(_spec->working_dir); }
  /// Zero means no timeout.
  std::chrono::milliseconds timeout() const noexcept {
    return std::chrono::milliseconds(_spec->timeout_ms);
  }
  std::string_view optionsJson() const noexcept { return view(_spec->options_json); }
  const mfx_job_spec* raw() const noexcept { return _spec; }

 private:
  const mfx_job_spec* _spec;
};

/// How a job ended (see MFX_EXIT_* in mfx_plugin.h).
struct ExitInfo {
  int32_t outcome = MFX_EXIT_LOST;
  int32_t exitCode = -1;
  int32_t termSignal = 0;
  std::string message;

  static ExitInfo exited(int32_t code) { return {MFX_EXIT_EXITED, code, 0, {}}; }
  static ExitInfo signaled(int32_t sig) { return {MFX_EXIT_SIGNALED, -1, sig, {}}; }
  static ExitInfo cancelled(int32_t sig, std::string msg = {}) {
    return {MFX_EXIT_CANCELLED, -1, sig, std::move(msg)};
  }
  static ExitInfo timedOut(int32_t sig, std::string msg = {}) {
    return {MFX_EXIT_TIMED_OUT, -1, sig, std::move(msg)};
  }
  static ExitInfo launchFailed(std::string msg) {
    return {MFX_EXIT_LAUNCH_FAILED, -1, 0, std::move(msg)};
  }
  static ExitInfo lost(std::string msg) { return {MFX_EXIT_LOST, -1, 0, std::move(msg)}; }
};

/// Reports a job's progress to the host. Copies share one "finished" flag:
/// finished() takes effect once, later calls and output after it are dropped.
/// Calls for one job must not overlap (see mfx_job_events).
class JobEvents {
 public:
  explicit JobEvents(const mfx_job_events* events)
      : _events(events), _finished(std::make_shared<std::atomic<bool>>(false)) {}

  void started(int64_t pid, std::string_view externalRef = {}) const noexcept {
    if (!*_finished) _events->started(_events->host_job, pid, str(externalRef));
  }
  void output(int32_t stream, std::string_view bytes) const noexcept {
    if (!*_finished && !bytes.empty()) _events->output(_events->host_job, stream, str(bytes));
  }
  void out(std::string_view bytes) const noexcept { output(MFX_STREAM_STDOUT, bytes); }
  void err(std::string_view bytes) const noexcept { output(MFX_STREAM_STDERR, bytes); }
  /// Reports the end of the job. Returns false when it was already reported.
  bool finished(const ExitInfo& info) const noexcept {
    if (_finished->exchange(true)) return false;
    mfx_exit_info raw{static_cast<uint32_t>(sizeof(mfx_exit_info)), info.outcome, info.exitCode,
                      info.termSignal, str(info.message)};
    _events->finished(_events->host_job, &raw);
    return true;
  }
  bool isFinished() const noexcept { return *_finished; }

 private:
  const mfx_job_events* _events;
  std::shared_ptr<std::atomic<bool>> _finished;
};

/// A running job. Destroyed by the host after it reported finished().
class Job {
 public:
  virtual ~Job() = default;
  /// Asks the job to stop: polite first, forced after `grace`. Must return at
  /// once, be idempotent, and do nothing once the job has finished.
  virtual void cancel(std::chrono::milliseconds grace) = 0;
};

/// An executor component. Called from any host thread: be thread-safe.
class Executor {
 public:
  virtual ~Executor() = default;
  /// Throws Unsupported (with the reason) when the application, given as its
  /// manifest JSON, cannot run here. The default accepts everything.
  virtual void canRun(std::string_view appJson) { (void)appJson; }
  /// Starts a job. Throws to refuse (the host records a launch failure with
  /// the message); otherwise reports through events until finished().
  virtual std::unique_ptr<Job> start(const JobSpec& spec, JobEvents events) = 0;
};

/// Collects the variables a credential type resolves.
class Env {
 public:
  Env(mfx_emit_fn emitFn, void* user) noexcept : _emit(emitFn), _user(user) {}
  void emit(std::string_view name, std::string_view value, bool secret = false) const noexcept {
    _emit(_user, str(name), str(value), secret ? MFX_KV_SECRET : 0u);
  }

 private:
  mfx_emit_fn _emit;
  void* _user;
};

/// A credential-type component. Called from any host thread: be thread-safe.
class CredentialType {
 public:
  virtual ~CredentialType() = default;
  /// Throws Invalid with a JSON object {"FIELD":"reason"} as message when the
  /// configuration is wrong. The default accepts everything.
  virtual void validate(std::string_view configJson) { (void)configJson; }
  /// Emits the job's variables for this credential.
  virtual void resolve(const Scope& scope, std::string_view configJson, Env& env) = 0;
};

/// Read-only view of a lifecycle event.
class JobEventView {
 public:
  explicit JobEventView(const mfx_job_event* ev) noexcept : _ev(ev) {}
  int32_t kind() const noexcept { return _ev->kind; }
  Scope scope() const noexcept { return Scope{_ev->scope.company_id, _ev->scope.job_id}; }
  int64_t runtemplateId() const noexcept { return _ev->runtemplate_id; }
  std::string_view appUuid() const noexcept { return view(_ev->app_uuid); }
  std::string_view executorId() const noexcept { return view(_ev->executor_id); }
  int64_t timestampMs() const noexcept { return _ev->timestamp_ms; }
  int64_t durationMs() const noexcept { return _ev->duration_ms; }
  int32_t exitCode() const noexcept { return _ev->exit_code; }
  std::string_view attributesJson() const noexcept { return view(_ev->attributes_json); }
  const mfx_job_event* raw() const noexcept { return _ev; }

 private:
  const mfx_job_event* _ev;
};

/// A monitor component. on_event comes from one host thread per monitor.
class Monitor {
 public:
  virtual ~Monitor() = default;
  virtual void onEvent(const JobEventView& event) = 0;
  virtual void flush() {}
};

namespace detail {

struct ExecutorBox {
  Host host;
  std::unique_ptr<Executor> impl;
};
struct JobBox {
  const mfx_host_api* api;
  std::unique_ptr<Job> impl;
};
struct CredentialTypeBox {
  Host host;
  std::unique_ptr<CredentialType> impl;
};
struct MonitorBox {
  Host host;
  std::unique_ptr<Monitor> impl;
};

inline mfx_rc executorCanRun(void* typeData, mfx_str appJson, mfx_status* status) noexcept {
  auto* box = static_cast<ExecutorBox*>(typeData);
  return guarded(box->host.api(), status, [&] { box->impl->canRun(view(appJson)); });
}

inline mfx_rc executorStart(void* typeData, const mfx_job_spec* spec, const mfx_job_events* events,
                            void** outJob, mfx_status* status) noexcept {
  auto* box = static_cast<ExecutorBox*>(typeData);
  *outJob = nullptr;
  return guarded(box->host.api(), status, [&] {
    if (spec == nullptr || spec->struct_size < offsetof(mfx_job_spec, options_json) + sizeof(mfx_str))
      throw Invalid("job spec is smaller than the ABI 1.0 layout");
    std::unique_ptr<Job> job = box->impl->start(JobSpec(spec), JobEvents(events));
    if (!job) throw Error(MFX_E_INTERNAL, "executor returned no job");
    *outJob = new JobBox{box->host.api(), std::move(job)};
  });
}

inline mfx_rc executorCancel(void* job, int64_t graceMs, mfx_status* status) noexcept {
  auto* box = static_cast<JobBox*>(job);
  return guarded(box->api, status, [&] { box->impl->cancel(std::chrono::milliseconds(graceMs)); });
}

inline void executorDestroy(void* job) noexcept { delete static_cast<JobBox*>(job); }
inline void executorFree(void* typeData) noexcept { delete static_cast<ExecutorBox*>(typeData); }

inline mfx_rc credentialValidate(void* typeData, mfx_str config, mfx_status* status) noexcept {
  auto* box = static_cast<CredentialTypeBox*>(typeData);
  return guarded(box->host.api(), status, [&] { box->impl->validate(view(config)); });
}

inline mfx_rc credentialResolve(void* typeData, const mfx_scope* scope, mfx_str config,
                                mfx_emit_fn emit, void* user, mfx_status* status) noexcept {
  auto* box = static_cast<CredentialTypeBox*>(typeData);
  return guarded(box->host.api(), status, [&] {
    Env env(emit, user);
    box->impl->resolve(Scope{scope->company_id, scope->job_id}, view(config), env);
  });
}

inline void credentialFree(void* typeData) noexcept {
  delete static_cast<CredentialTypeBox*>(typeData);
}

inline void monitorOnEvent(void* typeData, const mfx_job_event* ev) noexcept {
  auto* box = static_cast<MonitorBox*>(typeData);
  try {
    box->impl->onEvent(JobEventView(ev));
  } catch (const std::exception& e) {
    box->host.log(Level::Error, std::string("monitor event handler failed: ") + e.what());
  } catch (...) {
    box->host.log(Level::Error, "monitor event handler failed with an unknown exception");
  }
}

inline void monitorFlush(void* typeData) noexcept {
  auto* box = static_cast<MonitorBox*>(typeData);
  try {
    box->impl->flush();
  } catch (...) {
    box->host.log(Level::Error, "monitor flush failed");
  }
}

inline void monitorFree(void* typeData) noexcept { delete static_cast<MonitorBox*>(typeData); }

}  // namespace detail

/// Registers components during mfx_plugin_init. Strings passed here must be
/// static (string literals): the C contract requires it.
class Registrar {
 public:
  Registrar(const Host& host, mfx_status* status) noexcept : _host(host), _status(status) {}

  void executor(const char* id, const char* displayName, const char* description,
                std::unique_ptr<Executor> impl) {
    auto box = std::make_unique<detail::ExecutorBox>(detail::ExecutorBox{_host, std::move(impl)});
    mfx_executor table{};
    table.struct_size = sizeof table;
    table.id = id;
    table.display_name = displayName;
    table.description = description;
    table.type_data = box.get();
    table.can_run = &detail::executorCanRun;
    table.start = &detail::executorStart;
    table.cancel = &detail::executorCancel;
    table.destroy = &detail::executorDestroy;
    table.free_type_data = &detail::executorFree;
    check(_host.api()->register_executor(_host.ctx(), &table, sizeof table, _status));
    box.release();  // the host owns it now, through free_type_data
  }

  void credentialType(const char* id, const char* displayName, const char* description,
                      const char* schemaJson, std::unique_ptr<CredentialType> impl) {
    auto box = std::make_unique<detail::CredentialTypeBox>(
        detail::CredentialTypeBox{_host, std::move(impl)});
    mfx_credential_type table{};
    table.struct_size = sizeof table;
    table.id = id;
    table.display_name = displayName;
    table.description = description;
    table.schema_json = schemaJson;
    table.type_data = box.get();
    table.validate = &detail::credentialValidate;
    table.resolve = &detail::credentialResolve;
    table.free_type_data = &detail::credentialFree;
    check(_host.api()->register_credential_type(_host.ctx(), &table, sizeof table, _status));
    box.release();
  }

  void monitor(const char* id, const char* displayName, uint32_t eventMask,
               std::unique_ptr<Monitor> impl) {
    auto box = std::make_unique<detail::MonitorBox>(detail::MonitorBox{_host, std::move(impl)});
    mfx_monitor table{};
    table.struct_size = sizeof table;
    table.id = id;
    table.display_name = displayName;
    table.type_data = box.get();
    table.event_mask = eventMask;
    table.on_event = &detail::monitorOnEvent;
    table.flush = &detail::monitorFlush;
    table.free_type_data = &detail::monitorFree;
    check(_host.api()->register_monitor(_host.ctx(), &table, sizeof table, _status));
    box.release();
  }

  const Host& host() const noexcept { return _host; }

 private:
  static void check(mfx_rc rc) {
    if (rc != MFX_OK) throw detail::RegistrationRefused(rc);
  }

  Host _host;
  mfx_status* _status;
};

namespace detail {
template <class F>
mfx_rc runInit(const mfx_host_api* api, mfx_host_ctx* ctx, mfx_status* status, F&& init) noexcept {
  if (api == nullptr || api->struct_size < offsetof(mfx_host_api, secret_get) + sizeof(void*))
    return MFX_E_UNSUPPORTED;
  return guarded(api, status, [&] {
    Host host(api, ctx);
    Registrar registrar(host, status);
    init(registrar, static_cast<const Host&>(host));
  });
}
}  // namespace detail

}  // namespace mfx

/// Defines the plugin's two entry points. ID and VERSION are string literals;
/// the last argument is a callable (Registrar&, const Host&) that registers
/// the plugin's components and may throw to refuse loading.
#define MFX_PLUGIN(ID, VERSION, ...)                                                         \
  extern "C" MFX_EXPORT const mfx_abi_stamp* mfx_plugin_abi(void) {                          \
    static const mfx_abi_stamp stamp = {MFX_ABI_MAGIC, MFX_ABI_MAJOR, MFX_ABI_MINOR, ID,     \
                                        VERSION};                                            \
    return &stamp;                                                                           \
  }                                                                                          \
  extern "C" MFX_EXPORT mfx_rc mfx_plugin_init(const mfx_host_api* mfx_host_api_arg_,         \
                                               mfx_host_ctx* mfx_host_ctx_arg_,               \
                                               mfx_status* mfx_status_arg_) {                 \
    return ::mfx::detail::runInit(mfx_host_api_arg_, mfx_host_ctx_arg_, mfx_status_arg_,     \
                                  __VA_ARGS__);                                              \
  }

#endif  // MULTIFLEXI_MFX_PLUGIN_HPP
