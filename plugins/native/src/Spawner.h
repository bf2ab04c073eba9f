// Starts one job's process with posix_spawn: its own process group, exactly
// the given environment, stdin from /dev/null, stdout and stderr on pipes.
#pragma once

#include "Confinement.h"
#include "UniqueFd.h"

#include <multiflexi/mfx_plugin.hpp>

#include <sys/types.h>

#include <optional>
#include <string>

namespace mfx::native {

/// A started child: its pid (also its process group id), a pidfd to wait on,
/// and the read ends of its stdout and stderr pipes (non-blocking).
struct SpawnedProcess {
  pid_t pid = -1;
  UniqueFd pidfd;
  UniqueFd out;
  UniqueFd err;
  /// The environment entry that marks the job's processes (MULTIFLEXI_TMP=...;
  /// empty when the job has none), and the user they run as (unset: ours).
  std::string marker;
  std::optional<uid_t> uid;
};

/// Spawns spec's argv, confined as `confinement` says (its working directory
/// handed to the job's user first). `defaultPath` is searched when the job
/// environment has no PATH. Throws an mfx::Error naming the reason when the process cannot
/// be started (missing program, working directory, resources).
/// Thread-safe: uses posix_spawn (vfork semantics), never plain fork.
SpawnedProcess spawnProcess(const JobSpec& spec, const std::string& defaultPath, const Confinement& confinement);

}  // namespace mfx::native
