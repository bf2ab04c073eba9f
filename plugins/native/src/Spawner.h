// Starts one job's process with posix_spawn: its own process group, exactly
// the given environment, stdin from /dev/null, stdout and stderr on pipes.
#pragma once

#include "UniqueFd.h"

#include <multiflexi/mfx_plugin.hpp>

#include <sys/types.h>

#include <string>

namespace mfx::native {

/// A started child: its pid (also its process group id), a pidfd to wait on,
/// and the read ends of its stdout and stderr pipes (non-blocking).
struct SpawnedProcess {
  pid_t pid = -1;
  UniqueFd pidfd;
  UniqueFd out;
  UniqueFd err;
};

/// Spawns spec's argv. `defaultPath` is searched when the job environment has
/// no PATH. Throws an mfx::Error naming the reason when the process cannot
/// be started (missing program, working directory, resources).
/// Thread-safe: uses posix_spawn (vfork semantics), never plain fork.
SpawnedProcess spawnProcess(const JobSpec& spec, const std::string& defaultPath);

}  // namespace mfx::native
