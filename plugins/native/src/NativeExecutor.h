// The native executor: runs a job's argv as a local process (see README.md).
#pragma once

#include "ProcessReactor.h"

#include <multiflexi/mfx_plugin.hpp>

#include <string>

namespace mfx::native {

/// Settings, from the plugin's configuration keys (plugins.org.multiflexi.native.*).
struct NativeSettings {
  ReactorSettings reactor;
  /// Searched for a bare program name when the job environment has no PATH.
  std::string defaultPath = "/usr/local/bin:/usr/bin:/bin";
  /// The user and limits jobs run under.
  Confinement confinement;

  /// Reads kill_grace_ms, drain_timeout_ms, default_path and the
  /// confinement's keys (user, max_processes, max_memory_mb); throws
  /// mfx::Invalid naming the key when a value is malformed.
  static NativeSettings fromHost(const Host& host);
};

class NativeExecutor : public Executor {
 public:
  explicit NativeExecutor(NativeSettings settings);
  std::unique_ptr<Job> start(const JobSpec& spec, JobEvents events) override;

 private:
  NativeSettings _settings;
  ProcessReactor _reactor;
};

}  // namespace mfx::native
