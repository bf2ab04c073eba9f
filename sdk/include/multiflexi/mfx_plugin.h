/*
 * MultiFlexi plugin ABI, version 1.
 *
 * This header is the whole contract between the MultiFlexi host and a plugin
 * (an executor, a credential type or a monitoring backend shipped as a `.so`).
 * It is plain C99, includes only <stddef.h> and <stdint.h>, and compiles as C
 * and as C++. Nothing else crosses the boundary: no C++ types, no exceptions,
 * no memory that one side allocates and the other frees.
 *
 * Reading guide
 *   - Every item states OWNERSHIP (who allocates, who frees), LIFETIME (how
 *     long a pointer stays valid), THREADS (who may call it, and when),
 *     NULL (whether a pointer may be NULL) and RETURNS.
 *   - "borrowed" means: valid for the duration of the call only; copy what
 *     you keep (rule O2).
 *   - Strings are UTF-8. Data travels as mfx_str (pointer + length, not
 *     NUL-terminated); static identifiers as NUL-terminated const char*.
 *
 * Versioning (rules V1-V9 in sdk/README.md)
 *   - A plugin is loaded only when its stamp's abi_major equals the host's.
 *   - Minor versions only append members at the end of structs; every struct
 *     that may grow starts with struct_size. Readers test a member with
 *     MFX_HAS() before touching it; writers never write past the reader's
 *     struct_size.
 *   - mfx_str, mfx_kv and mfx_scope are embedded by value or used in arrays:
 *     they are frozen forever.
 *
 * Lifecycle of a plugin
 *   1. The host dlopen()s the file (RTLD_NOW | RTLD_LOCAL).
 *   2. It calls mfx_plugin_abi() and checks magic and major. No other plugin
 *      code runs before this check passes.
 *   3. It calls mfx_plugin_init() once, on the host's main thread, before any
 *      worker thread exists. The plugin registers its components there and
 *      only there.
 *   4. Components are used from any host thread (see each table).
 *   5. At shutdown the host stops using components, calls flush and
 *      free_type_data, and leaves the library mapped: plugins are never
 *      unloaded.
 */
#ifndef MULTIFLEXI_MFX_PLUGIN_H
#define MULTIFLEXI_MFX_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Version stamp                                                            */
/* ------------------------------------------------------------------------ */

/** ABI major version. Plugins with another major are refused. Never bumped. */
#define MFX_ABI_MAJOR 1
/** ABI minor version this header describes. Additions only. */
#define MFX_ABI_MINOR 1
/** Magic number in every stamp: the bytes "MFXP" read little-endian. */
#define MFX_ABI_MAGIC 0x5058464Du

/** Marks the two entry points a plugin exports. Everything else in a plugin
 *  is hidden by the SDK's build flags. */
#if defined(__GNUC__)
#define MFX_EXPORT __attribute__((visibility("default")))
#else
#define MFX_EXPORT
#endif

/**
 * mfx_abi_stamp - what the plugin was built against.
 *
 * OWNERSHIP: plugin; a static, read-only object.
 * LIFETIME:  as long as the library is mapped (forever).
 * The stamp must be computable without side effects: the host reads it before
 * deciding whether any other plugin code may run.
 */
typedef struct mfx_abi_stamp {
  uint32_t magic;             /**< MFX_ABI_MAGIC. */
  uint16_t abi_major;         /**< MFX_ABI_MAJOR the plugin was compiled with. */
  uint16_t abi_minor;         /**< MFX_ABI_MINOR the plugin was compiled with. */
  const char* plugin_id;      /**< Reverse-DNS id, stable forever, e.g.
                                   "org.multiflexi.native". [a-z0-9._-], 1-128
                                   characters. Never NULL. */
  const char* plugin_version; /**< Package version, informational. May be NULL. */
} mfx_abi_stamp;

/* ------------------------------------------------------------------------ */
/* Common types                                                             */
/* ------------------------------------------------------------------------ */

/** Result code of every fallible call: 0 success, negative failure. A
 *  receiver maps a code it does not know to MFX_E_INTERNAL. */
typedef int32_t mfx_rc;
#define MFX_OK 0
#define MFX_E_INVALID -1     /**< Bad argument; configuration failed validation. */
#define MFX_E_UNSUPPORTED -2 /**< Optional feature, or a member newer than the peer. */
#define MFX_E_NOT_FOUND -3   /**< The thing asked for does not exist. */
#define MFX_E_DENIED -4      /**< Refused: tenant scope, permissions, wrong phase. */
#define MFX_E_UNAVAILABLE -5 /**< Transient (daemon, socket, remote API): retryable. */
#define MFX_E_INTERNAL -6    /**< A bug, or an exception caught at the boundary. */

/**
 * mfx_str - a borrowed run of bytes (normally UTF-8). Not NUL-terminated.
 * FROZEN: never grows. ptr may be NULL only when len is 0.
 */
typedef struct mfx_str {
  const char* ptr;
  size_t len;
} mfx_str;

/**
 * mfx_scope - the tenant and job a call acts for. Secret lookups are checked
 * against it. FROZEN. A value of 0 means "none" (no job yet, for example).
 */
typedef struct mfx_scope {
  int64_t company_id;
  int64_t job_id;
} mfx_scope;

/** Flag of mfx_kv and of credential emits: the value is secret. The host
 *  encrypts it at rest and masks it in logs and captured output. */
#define MFX_KV_SECRET 1u
/** Flag of mfx_kv: the host copied the value from its own environment (PATH,
 *  LANG, TZ, HOME) so that a local process finds its way; it describes the
 *  host, not the job. Executors that run the job elsewhere (a container, a
 *  cloud) drop such variables and let the image's own values apply. Hosts
 *  that predate the flag never set it. */
#define MFX_KV_INHERITED 2u

/** mfx_kv - one environment variable. FROZEN. */
typedef struct mfx_kv {
  mfx_str key;
  mfx_str value;
  uint32_t flags; /**< Bit set of MFX_KV_*; unknown bits are ignored. */
} mfx_kv;

/**
 * mfx_status - optional error context, owned by the host.
 * Opaque to plugins: written only through mfx_host_api.status_set, which
 * copies the message. A function that receives an mfx_status* may be given
 * NULL; status_set accepts NULL and then does nothing.
 */
typedef struct mfx_status mfx_status;

/**
 * mfx_host_ctx - identifies the calling plugin to the host. One per loaded
 * plugin, owned by the host, valid until the process exits. Pass it back
 * unchanged to the host functions that take it.
 */
typedef struct mfx_host_ctx mfx_host_ctx;

/** Log levels, as Poco::Message::Priority: lower is more severe. */
#define MFX_LOG_FATAL 1
#define MFX_LOG_CRITICAL 2
#define MFX_LOG_ERROR 3
#define MFX_LOG_WARNING 4
#define MFX_LOG_NOTICE 5
#define MFX_LOG_INFORMATION 6
#define MFX_LOG_DEBUG 7
#define MFX_LOG_TRACE 8

/**
 * Receiver of a value the host lends to the plugin (configuration value,
 * secret). value is borrowed: valid only inside the call. For secrets the
 * host wipes its copy as soon as the receiver returns.
 * THREADS: called synchronously on the thread that asked, before the asking
 * function returns, at most once.
 */
typedef void (*mfx_recv_fn)(void* user, mfx_str value);

struct mfx_executor;
struct mfx_credential_type;
struct mfx_monitor;

/**
 * mfx_host_api - services the host offers to plugins.
 *
 * OWNERSHIP: host. LIFETIME: valid until the process exits; the plugin may
 * keep the pointer. THREADS: every function may be called from any thread
 * unless stated otherwise; each returns in bounded time and never calls back
 * into the plugin except through the recv function it was given.
 * Members after the 1.0 set are present only when MFX_HAS says so.
 */
typedef struct mfx_host_api {
  /** sizeof(mfx_host_api) as the host was compiled. */
  uint32_t struct_size;
  /** The host's own ABI version. */
  uint16_t abi_major;
  uint16_t abi_minor;

  /** RETURNS non-zero when a message of this level would be logged, so a
   *  plugin can skip formatting it. */
  int32_t (*log_enabled)(mfx_host_ctx* ctx, int32_t level);

  /** Logs message (borrowed) at level, tagged with the plugin's id.
   *  Never pass secret values: log lines are not masked. */
  void (*log)(mfx_host_ctx* ctx, int32_t level, mfx_str message);

  /** Records code and a copy of message (borrowed) in status. status may be
   *  NULL (then nothing happens). The last call wins. */
  void (*status_set)(mfx_status* status, mfx_rc code, mfx_str message);

  /**
   * Registration. Valid only inside mfx_plugin_init, on the thread running
   * it; any other call is refused with MFX_E_DENIED and the plugin is refused
   * as a whole. The host copies the first `size` bytes of the table (pass
   * sizeof of the struct you compiled against) into its own zeroed struct;
   * strings the table points to must be static (rule O3), the host copies
   * them too. A component id must be unique among all loaded plugins of its
   * kind; a duplicate, a missing required member or a size smaller than the
   * 1.0 layout is refused with MFX_E_INVALID and the reason in status, and
   * then the plugin is refused as a whole: a plugin's components load all
   * together or not at all. When a plugin is refused after some of its
   * registrations succeeded, the host calls their free_type_data (if set)
   * and uses nothing else of them.
   * RETURNS MFX_OK, MFX_E_INVALID or MFX_E_DENIED.
   */
  mfx_rc (*register_executor)(mfx_host_ctx* ctx, const struct mfx_executor* executor, size_t size,
                              mfx_status* status);
  mfx_rc (*register_credential_type)(mfx_host_ctx* ctx, const struct mfx_credential_type* type,
                                     size_t size, mfx_status* status);
  mfx_rc (*register_monitor)(mfx_host_ctx* ctx, const struct mfx_monitor* monitor, size_t size,
                             mfx_status* status);

  /**
   * Looks up the plugin's configuration value `key` (borrowed), relative to
   * "plugins.<plugin_id>." in the host configuration (env file, config file,
   * MULTIFLEXI_* variables). On success calls recv exactly once with the value.
   * RETURNS MFX_OK, or MFX_E_NOT_FOUND when the key is not set (recv is not
   * called).
   */
  mfx_rc (*config_get)(mfx_host_ctx* ctx, mfx_str key, mfx_recv_fn recv, void* user,
                       mfx_status* status);

  /**
   * Looks up the secret `name` (borrowed) visible to `scope` (borrowed, not
   * NULL): a company's credential value, for the company the scope names. On
   * success calls recv exactly once; the value is wiped when recv returns.
   * RETURNS MFX_OK, MFX_E_NOT_FOUND, MFX_E_DENIED (not visible to this scope)
   * or MFX_E_UNAVAILABLE (no secret store configured or the key is locked).
   */
  mfx_rc (*secret_get)(mfx_host_ctx* ctx, const mfx_scope* scope, mfx_str name, mfx_recv_fn recv,
                       void* user, mfx_status* status);

  /* 1.1 and later: append new members below this line only. */
} mfx_host_api;

/**
 * MFX_HAS(ptr, type, member) - non-zero when the struct *ptr, whose first
 * member is struct_size, is large enough to contain `member`. Use it before
 * reading any member added after 1.0 in a struct the other side filled.
 */
#define MFX_HAS(ptr, type, member) \
  ((ptr)->struct_size >= offsetof(type, member) + sizeof(((type*)0)->member))

/* ------------------------------------------------------------------------ */
/* Executors                                                                */
/* ------------------------------------------------------------------------ */

/**
 * mfx_job_spec - what to run.
 * OWNERSHIP: host. LIFETIME: from start() until destroy() returns (so a
 * plugin may keep pointers into it for the whole job). NULL: argv and env
 * may be NULL only when their count is 0.
 */
typedef struct mfx_job_spec {
  uint32_t struct_size;
  mfx_scope scope;        /**< Company and job the run belongs to. */
  int64_t runtemplate_id; /**< 0 when not started from a run template. */
  mfx_str app_uuid;       /**< Application uuid; may be empty. */
  const mfx_str* argv;    /**< argv[0] is the program, the rest its arguments.
                               The host decides whether a shell is involved
                               (argv = {"/bin/sh", "-c", line}); executors run
                               argv as given. */
  size_t argc;
  const mfx_kv* env;      /**< The job's complete environment. Executors pass
                               exactly this, nothing inherited. */
  size_t env_count;
  mfx_str working_dir;    /**< Directory the program starts in (the job's own
                               MULTIFLEXI_TMP); empty = executor's choice. */
  int64_t timeout_ms;     /**< 0 = none. The executor enforces it and reports
                               MFX_EXIT_TIMED_OUT. */
  mfx_str options_json;   /**< Executor-specific options as a JSON object
                               (image, resources ...); may be empty. */
} mfx_job_spec;

/** Outcomes of a job (mfx_exit_info.outcome). A receiver maps an unknown
 *  value to MFX_EXIT_LOST. */
#define MFX_EXIT_EXITED 1        /**< Ran and exited; exit_code is valid. */
#define MFX_EXIT_SIGNALED 2      /**< Killed by term_signal (not by us). */
#define MFX_EXIT_CANCELLED 3     /**< Stopped because cancel() was called. */
#define MFX_EXIT_TIMED_OUT 4     /**< Stopped because timeout_ms passed. */
#define MFX_EXIT_LAUNCH_FAILED 5 /**< Never ran (image missing ...); message says why. */
#define MFX_EXIT_LOST 6          /**< Its fate is unknown (engine gone ...). */

/**
 * mfx_exit_info - how a job ended. OWNERSHIP: the side that calls
 * finished(); borrowed by the receiver for the call.
 */
typedef struct mfx_exit_info {
  uint32_t struct_size;
  int32_t outcome;     /**< MFX_EXIT_*. */
  int32_t exit_code;   /**< Valid for EXITED; -1 otherwise. */
  int32_t term_signal; /**< Signal number for SIGNALED (and for CANCELLED or
                            TIMED_OUT when the process died of our signal);
                            0 otherwise. */
  mfx_str message;     /**< Human-readable detail; may be empty. */
} mfx_exit_info;

/** Output streams of mfx_job_events.output. */
#define MFX_STREAM_STDOUT 1
#define MFX_STREAM_STDERR 2

/**
 * mfx_job_events - how an executor reports progress. Implemented by the host.
 * OWNERSHIP: host. LIFETIME: from start() until destroy() returns.
 * THREADS: the plugin may call these from any thread, including its own,
 * and already from inside start() (a job may even finish before start()
 * returns); calls for one job must not overlap; finished() is the last call for a job
 * and comes exactly once. Each call returns in bounded time and never
 * re-enters the plugin.
 */
typedef struct mfx_job_events {
  uint32_t struct_size;
  void* host_job; /**< Pass back as the first argument. */
  /** The process (or container, or cloud job) started. pid is -1 when there
   *  is no local process; external_ref (borrowed) names the container or
   *  remote job, empty when none. At most once, before any output. */
  void (*started)(void* host_job, int64_t pid, mfx_str external_ref);
  /** A chunk of raw output (borrowed; any bytes, not split at lines) on
   *  MFX_STREAM_STDOUT or MFX_STREAM_STDERR, in the order produced. The host
   *  copies it before returning. */
  void (*output)(void* host_job, int32_t stream, mfx_str bytes);
  /** The job is over. info is borrowed. Exactly once, last. */
  void (*finished)(void* host_job, const mfx_exit_info* info);
} mfx_job_events;

/**
 * mfx_executor - a way to run jobs (native processes, containers, cloud).
 *
 * OWNERSHIP: the plugin owns type_data and every job handle it returns.
 * THREADS: can_run and start may be called from any host thread, concurrently
 * for different jobs: type_data must be thread-safe. Calls on one job are
 * serialized by the host, except cancel(), which may race with the plugin's
 * own progress on that job.
 *
 * Job lifecycle: start() either fails (returns non-OK, *out_job stays NULL,
 * no event follows and destroy is not called; the host records the job as
 * LAUNCH_FAILED with the status message) or succeeds, after which finished()
 * arrives exactly once (also after cancel, as MFX_EXIT_CANCELLED). The host
 * calls destroy() once, after finished() has returned, never from inside an
 * event callback.
 */
typedef struct mfx_executor {
  uint32_t struct_size;
  const char* id;           /**< Required. Short, lowercase, stable: "native". */
  const char* display_name; /**< Required. "Native process". */
  const char* description;  /**< Optional (NULL). */
  void* type_data;          /**< Plugin-owned, passed back to every call. */

  /** Optional (NULL = can run anything). app_json (borrowed) is the
   *  application's manifest. RETURNS MFX_OK when this executor can run the
   *  application, MFX_E_UNSUPPORTED with the reason in status when not. */
  mfx_rc (*can_run)(void* type_data, mfx_str app_json, mfx_status* status);

  /** Required. Starts a job described by spec, reporting through events
   *  (both valid until destroy returns). On MFX_OK *out_job is the plugin's
   *  handle of the job (may be any non-NULL value). */
  mfx_rc (*start)(void* type_data, const mfx_job_spec* spec, const mfx_job_events* events,
                  void** out_job, mfx_status* status);

  /** Required. Asks the job to stop: polite signal, then after grace_ms a
   *  forced kill. Asynchronous (returns at once) and idempotent; a call after
   *  the job finished does nothing and returns MFX_OK. */
  mfx_rc (*cancel)(void* job, int64_t grace_ms, mfx_status* status);

  /** Required. Frees the job handle. Called once, after finished(). */
  void (*destroy)(void* job);

  /** Optional. Frees type_data at shutdown, after every job was destroyed.
   *  The plugin joins its own threads before returning. */
  void (*free_type_data)(void* type_data);
} mfx_executor;

/** Size of the 1.0 executor table: smaller registrations are refused. */
#define MFX_EXECUTOR_SIZE_1_0 (offsetof(mfx_executor, free_type_data) + sizeof(void (*)(void*)))

/* ------------------------------------------------------------------------ */
/* Credential types                                                         */
/* ------------------------------------------------------------------------ */

/**
 * Receiver of one resolved environment variable. name and value are
 * borrowed; the host copies them into wiped memory. flags: MFX_KV_SECRET.
 * THREADS: call it only synchronously from inside resolve().
 */
typedef void (*mfx_emit_fn)(void* user, mfx_str name, mfx_str value, uint32_t flags);

/**
 * mfx_credential_type - a kind of credential (bank token, ERP login, a file
 * of variables, a helper command) that turns stored settings into job
 * environment variables.
 *
 * THREADS: validate and resolve may be called from any host thread,
 * concurrently: type_data must be thread-safe.
 */
typedef struct mfx_credential_type {
  uint32_t struct_size;
  const char* id;           /**< Required. Stable, lowercase: "envfile". */
  const char* display_name; /**< Required. */
  const char* description;  /**< Optional (NULL). */
  /** Required, static JSON: {"fields":[{"name":"FIO_TOKEN","type":"secret",
   *  "label":"...","required":true}, ...]}. Describes the settings a
   *  credential of this type stores. */
  const char* schema_json;
  void* type_data;

  /** Required. Checks config_json (borrowed, a JSON object of the fields).
   *  RETURNS MFX_OK, or MFX_E_INVALID with per-field errors in status as a
   *  JSON object {"FIELD":"reason", ...}. */
  mfx_rc (*validate)(void* type_data, mfx_str config_json, mfx_status* status);

  /** Required. Produces the job's variables for this credential: calls emit
   *  once per variable, synchronously. May do live lookups (files, helper
   *  commands, host->secret_get for scope). RETURNS MFX_OK, or an error with
   *  the reason in status; the host then fails the job before it starts. */
  mfx_rc (*resolve)(void* type_data, const mfx_scope* scope, mfx_str config_json, mfx_emit_fn emit,
                    void* user, mfx_status* status);

  /** Optional. Frees type_data at shutdown. */
  void (*free_type_data)(void* type_data);
} mfx_credential_type;

#define MFX_CREDENTIAL_TYPE_SIZE_1_0 \
  (offsetof(mfx_credential_type, free_type_data) + sizeof(void (*)(void*)))

/* ------------------------------------------------------------------------ */
/* Monitors                                                                 */
/* ------------------------------------------------------------------------ */

/** Job lifecycle event kinds (mfx_job_event.kind). */
#define MFX_EV_SCHEDULED 1
#define MFX_EV_STARTED 2
#define MFX_EV_FINISHED 3
#define MFX_EV_FAILED_TO_START 4
#define MFX_EV_CANCELLED 5
/** 1.1: a running job was declared lost (its executor stopped renewing the
 *  job's lease: killed, hung, or its host is gone). */
#define MFX_EV_LOST 6
/** 1.1: the host is alive. Sent periodically; scope, runtemplate_id,
 *  app_uuid and executor_id are zero/empty; attributes_json holds the
 *  inventory (see sdk/README.md, "Monitor events"). */
#define MFX_EV_HEARTBEAT 7
/** Bit of event_mask for a kind. */
#define MFX_EV_BIT(kind) (1u << (kind))

/**
 * mfx_job_event - one lifecycle event. OWNERSHIP: host; borrowed, valid
 * during on_event only.
 */
typedef struct mfx_job_event {
  uint32_t struct_size;
  int32_t kind; /**< MFX_EV_*; only kinds in the monitor's event_mask arrive. */
  mfx_scope scope;
  int64_t runtemplate_id;
  mfx_str app_uuid;
  mfx_str executor_id;
  int64_t timestamp_ms; /**< Unix epoch milliseconds (UTC). */
  int64_t duration_ms;  /**< FINISHED: wall time of the run; else 0. */
  int32_t exit_code;    /**< FINISHED: exit code, -1 if none. */
  mfx_str attributes_json; /**< Extra attributes as a JSON object; may be empty. */
} mfx_job_event;

/**
 * mfx_monitor - receives job lifecycle events (Zabbix, metrics ...).
 * THREADS: the host calls on_event from one queue thread per monitor, in
 * order for each job; a slow monitor delays only itself. When the queue
 * overflows the host drops events and counts them.
 */
typedef struct mfx_monitor {
  uint32_t struct_size;
  const char* id;           /**< Required: "zabbix". */
  const char* display_name; /**< Required. */
  void* type_data;
  uint32_t event_mask;      /**< Required non-zero: MFX_EV_BIT(kind) for every
                                 kind the monitor understands. */
  /** Required. ev is borrowed. */
  void (*on_event)(void* type_data, const mfx_job_event* ev);
  /** Optional. Sends what is buffered; called once before shutdown. */
  void (*flush)(void* type_data);
  /** Optional. Frees type_data at shutdown, after flush. */
  void (*free_type_data)(void* type_data);
} mfx_monitor;

#define MFX_MONITOR_SIZE_1_0 (offsetof(mfx_monitor, free_type_data) + sizeof(void (*)(void*)))

/* ------------------------------------------------------------------------ */
/* Entry points every plugin exports                                        */
/* ------------------------------------------------------------------------ */

/** RETURNS the plugin's static stamp. No side effects; may be called any
 *  number of times, from any thread. */
typedef const mfx_abi_stamp* (*mfx_plugin_abi_fn)(void);

/**
 * Initializes the plugin and registers its components.
 * host: the host services (valid forever). ctx: the plugin's identity, to
 * pass back to host functions (valid forever). status: for an error message.
 * THREADS: called once, on the host's main thread, before workers start.
 * RETURNS MFX_OK, or an error code with the reason in status: the host then
 * refuses the plugin and discards whatever it registered.
 */
typedef mfx_rc (*mfx_plugin_init_fn)(const mfx_host_api* host, mfx_host_ctx* ctx,
                                     mfx_status* status);

/** Names of the two exported entry points. */
#define MFX_PLUGIN_ABI_SYMBOL "mfx_plugin_abi"
#define MFX_PLUGIN_INIT_SYMBOL "mfx_plugin_init"

MFX_EXPORT const mfx_abi_stamp* mfx_plugin_abi(void);
MFX_EXPORT mfx_rc mfx_plugin_init(const mfx_host_api* host, mfx_host_ctx* ctx, mfx_status* status);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MULTIFLEXI_MFX_PLUGIN_H */
