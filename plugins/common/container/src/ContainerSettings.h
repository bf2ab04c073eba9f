// Settings both container executors read from their configuration keys
// (plugins.<plugin id>.<key>); each plugin's README lists them.
#pragma once

#include <multiflexi/mfx_plugin.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace mfx::container {

/// When the engine fetches the image: never (it must be there), when it is
/// missing, or before every job.
enum class PullPolicy { Never, Missing, Always };

/// "never", "missing" or "always".
const char* pullPolicyName(PullPolicy policy);

/// A host path made visible in every job's container.
struct Mount {
  std::string source;
  std::string target;
  bool readOnly = false;
};

struct ContainerSettings {
  PullPolicy pull = PullPolicy::Missing;
  std::string network;  ///< network mode; empty = the engine's default
  std::string cpus;     ///< CPU limit as a decimal ("1.5"); empty = none
  int64_t memoryBytes = 0;  ///< memory limit; 0 = none
  std::vector<Mount> mounts;
  std::string runtime;  ///< OCI runtime name; empty = the engine's default
  std::string user;     ///< user[:group] in the container; empty = the image's
  bool init = false;    ///< run an init process as PID 1 (reaps, forwards signals)
  /// The engine's own log of the container's output. "none" by default: the
  /// output streams to the host, which masks secrets; an engine log would be
  /// a second, unmasked copy on disk (and json-file costs 8x in throughput).
  std::string logDriver = "none";
  /// Between the polite stop and the kill when a job times out.
  std::chrono::milliseconds killGrace{10000};

  /// Reads pull, network, cpus, memory, mounts, runtime, user, init,
  /// log_driver and kill_grace_ms. Throws mfx::Invalid naming the key and the reason.
  static ContainerSettings fromHost(const Host& host);
};

/// Parses "512m", "2g", "1048576" (bytes; k, m, g suffixes, binary). Throws
/// mfx::Invalid naming `key`.
int64_t parseMemory(const std::string& key, const std::string& text);
/// Parses "SRC:DST[:ro|rw],..." with absolute paths. Throws mfx::Invalid naming `key`.
std::vector<Mount> parseMounts(const std::string& key, const std::string& text);

}  // namespace mfx::container
