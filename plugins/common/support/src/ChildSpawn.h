// Starting a helper program from a plugin: posix_spawn (safe in a large
// multi-threaded host), exactly the given environment, a process group of
// its own (so a deadline can kill all of it), signal mask and dispositions
// reset (the host may ignore SIGPIPE; its children must not).
#pragma once

#include <string>
#include <vector>

#include <sys/types.h>

namespace mfx::support {

/// Spawns argv (argv[0] searched on PATH of this process when it has no
/// '/') with `environment` ("NAME=VALUE" entries). Its stdin is `stdinFd`,
/// or /dev/null when -1; stdout and stderr go to the given descriptors.
/// Returns the pid. Throws mfx::Unavailable naming the program.
pid_t spawnChild(const std::vector<std::string>& argv, const std::vector<std::string>& environment, int stdinFd,
                 int stdoutFd, int stderrFd);

}  // namespace mfx::support
