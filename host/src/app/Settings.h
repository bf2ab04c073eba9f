// The host's settings. Each is a configuration property (-D KEY=VALUE),
// else MultiFlexi's environment variable, else the same variable in the env
// file (-e FILE, or /etc/multiflexi/multiflexi.env when installed), else a
// default. A value that cannot be used is a ConfigurationException naming
// the variable.
#pragma once

#include <Poco/Net/SocketAddress.h>
#include <Poco/Util/AbstractConfiguration.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace MultiFlexi {

class Settings {
 public:
  explicit Settings(const Poco::Util::AbstractConfiguration& config) : _config(config) {}

  /// Where env-file values are kept in the configuration: <prefix><NAME>.
  static constexpr const char* kEnvFilePrefix = "envfile.";

  /// True when the binary runs from a development build tree.
  bool inBuildTree() const;
  /// multiflexi.dataDir, MULTIFLEXI_DATA_DIR; else ./var when running from a
  /// build tree, else the installed default (/var/lib/multiflexi).
  std::string dataDirectory() const;
  /// The SQLite database: DB_DATABASE when DB_CONNECTION is sqlite (or
  /// unset), else <data dir>/multiflexi.db. Throws StoreException for an
  /// unsupported DB_CONNECTION.
  std::string databasePath() const;
  /// multiflexi.appSchema, MULTIFLEXI_APP_SCHEMA; else the path set at build
  /// time (MultiFlexi's schema/application.json).
  std::string applicationSchemaPath() const;
  /// multiflexi.keyFile, MULTIFLEXI_KEY_FILE; else <data dir>/master.key.
  /// The master key that unlocks every sealed secret (created on first use).
  std::string keyFile() const;
  /// Where daemons listen for wake-ups: <data dir>/run.
  std::string runDirectory() const;
  /// Where jobs get their working directories: <data dir>/jobs.
  std::string jobsDirectory() const;
  /// MULTIFLEXI_TIMEZONE, else the machine's zone, else UTC.
  std::string serverTimeZone() const;
  /// multiflexi.webRoot, MULTIFLEXI_WEB_ROOT: the web console's files; else
  /// the source tree's host/web when running from a build tree, else
  /// <prefix>/share/multiflexi/web beside the installed binary.
  std::string webRoot() const;

  /// MULTIFLEXI_DAEMONIZE (default true); false: one pass, then exit.
  bool daemonize() const;
  /// MULTIFLEXI_CYCLE_PAUSE seconds (default 60): the longest a daemon
  /// sleeps without looking at the database.
  std::chrono::milliseconds cyclePause() const;
  /// MULTIFLEXI_MAX_PARALLEL (default 0 = no limit): jobs one executor runs at once.
  int64_t maxParallel() const;
  /// MULTIFLEXI_MEMORY_LIMIT_MB (default 0 = off): above this resident size
  /// the executor stops claiming, lets its jobs end and exits.
  int64_t memoryLimitMb() const;
  /// MULTIFLEXI_LEASE_SECONDS (default 30): how long a claim holds without renewal.
  std::chrono::milliseconds lease() const;
  /// MULTIFLEXI_SHUTDOWN_GRACE seconds (default 30): how long running jobs
  /// may go on after SIGTERM before they are cancelled.
  std::chrono::milliseconds shutdownGrace() const;
  /// MULTIFLEXI_JOB_TIMEOUT seconds (default 86400: a runaway job is stopped
  /// within a day; 0 = none).
  std::chrono::milliseconds jobTimeout() const;
  /// MULTIFLEXI_OUTPUT_LIMIT_MB (default 64): output stored per job.
  int64_t outputLimitBytes() const;
  /// MULTIFLEXI_ARTIFACT_LIMIT_MB (default 64): artifacts stored per job.
  int64_t artifactLimitBytes() const;
  /// MULTIFLEXI_MISFIRE_GRACE seconds (default 60): a slot this late is still on time.
  std::chrono::milliseconds misfireGrace() const;
  /// MULTIFLEXI_MAX_CATCH_UP (default 100): missed slots the "all" policy runs.
  int64_t maxCatchUp() const;
  /// MULTIFLEXI_METRICS_MAX_TEMPLATES (default 2000, 0 to 1000000): run
  /// templates GET /metrics reports at most (the rest are counted, not shown).
  int64_t metricsMaxTemplates() const;
  /// MULTIFLEXI_MONITOR_QUEUE (default 10000, 1 to 10000000): events one
  /// monitor's queue holds; more are dropped and counted.
  int64_t monitorQueue() const;
  /// MULTIFLEXI_MONITOR_HEARTBEAT seconds (default 60, 0 = off): how often
  /// monitors get a HEARTBEAT with the inventory.
  std::chrono::milliseconds monitorHeartbeat() const;
  /// MULTIFLEXI_ALLOWED_ENV (default empty): comma-separated loader or shell
  /// variables (LD_LIBRARY_PATH, ...; domain/EnvNames.h) that manifests,
  /// company environment, template configuration and overrides may set.
  /// Throws ConfigurationException for an entry that is not a variable name.
  std::set<std::string> allowedEnvNames() const;

  /// MULTIFLEXI_LISTEN (default 127.0.0.1:8420): where the HTTP server
  /// listens, "IPv4:PORT", "[IPv6]:PORT" or "localhost:PORT" (port 0: any
  /// free one); nothing for "off".
  std::optional<Poco::Net::SocketAddress> listenAddress() const;
  /// MULTIFLEXI_HTTP_MAX_BODY bytes (default 1 MiB, at most 1 GiB): a larger request body is refused (413).
  int64_t httpMaxBody() const;
  /// MULTIFLEXI_HTTP_THREADS (default 8, 1-32): requests served at once. At
  /// most half the store's session pool (Database::kMaxSessions, 64): a
  /// request may hold more than one session at once (a read inside a
  /// transaction) and the scheduler and executor need theirs.
  int httpThreads() const;
  /// MULTIFLEXI_HTTP_QUEUE (default 64, 1-65535): connections waiting for a thread.
  int httpQueue() const;
  /// MULTIFLEXI_HTTP_TIMEOUT seconds (default 30, more than 0): socket read and write timeout.
  std::chrono::milliseconds httpTimeout() const;
  /// MULTIFLEXI_HTTP_KEEP_ALIVE seconds (default 10; 0 = one request per connection).
  std::chrono::milliseconds httpKeepAlive() const;
  /// MULTIFLEXI_HTTP_MAX_STREAMS (default half of MULTIFLEXI_HTTP_THREADS,
  /// rounded down; 0 = none): streamed answers (job follow) at once. Each
  /// holds a thread, so it must be less than MULTIFLEXI_HTTP_THREADS.
  int httpMaxStreams() const;
  /// MULTIFLEXI_HTTP_MAX_STREAMS_PER_USER (default 2, 0-1000): streams one user runs at once.
  int httpMaxStreamsPerUser() const;
  /// MULTIFLEXI_HTTP_STREAM_LIFETIME seconds (default 600, more than 0): how
  /// long one stream runs before it ends and its client reconnects.
  std::chrono::milliseconds httpStreamLifetime() const;
  struct TlsFiles {
    std::string certificate;
    std::string key;
  };
  /// MULTIFLEXI_TLS_CERT and MULTIFLEXI_TLS_KEY (PEM files): both switch on
  /// HTTPS, neither leaves it off; one alone is a ConfigurationException.
  std::optional<TlsFiles> tlsFiles() const;
  /// API_RATE_LIMITING_ENABLED (default true).
  bool rateLimiting() const;
  /// API_RATE_LIMIT_REQUESTS (default 120, at least 1): requests per user and per address in a window.
  int64_t rateLimitRequests() const;
  /// API_RATE_LIMIT_WINDOW whole seconds (default 60, at least 1).
  std::chrono::seconds rateLimitWindow() const;
  /// MULTIFLEXI_SESSION_IDLE whole seconds (default 1800, 60 to a year): a
  /// console session unused this long ends (its use is noted once a minute).
  std::chrono::seconds sessionIdle() const;
  /// MULTIFLEXI_SESSION_LIFETIME whole seconds (default 43200, 60 to a year):
  /// a console session ends this long after sign-in.
  std::chrono::seconds sessionLifetime() const;

 private:
  std::string lookup(const std::string& key, const std::string& envName) const;
  int64_t wholeNumber(const std::string& key, const std::string& envName, int64_t fallback) const;
  std::chrono::milliseconds seconds(const std::string& key, const std::string& envName, double fallback) const;
  int64_t numberIn(const std::string& key, const std::string& envName, int64_t fallback, int64_t min,
                   int64_t max) const;
  bool flag(const std::string& key, const std::string& envName, bool fallback) const;
  const Poco::Util::AbstractConfiguration& _config;
};

}  // namespace MultiFlexi
