// What a native job runs as and within: an unprivileged user (so a job can
// read neither the host's data directory nor its key), a process limit
// (RLIMIT_NPROC, against fork bombs) and a memory limit (RLIMIT_DATA).
//
// posix_spawn cannot switch users or set limits for the child alone, so the
// job's argv is prefixed with util-linux's prlimit and setpriv, which set
// them on themselves and exec the next word in place: the pid, process group
// and pidfd stay the job's.
#pragma once

#include <multiflexi/mfx_plugin.hpp>

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mfx::native {

struct Confinement {
  /// The user jobs run as; unset: the daemon's own user.
  std::optional<uid_t> uid;
  gid_t gid = 0;
  std::string userName;
  /// RLIMIT_NPROC of a job (0: the daemon's own). Counts every process of the
  /// job's user, so it bounds all jobs of that user together.
  uint64_t maxProcesses = 512;
  /// RLIMIT_DATA of each process of a job, in MiB (0: the daemon's own).
  uint64_t maxMemoryMb = 4096;

  /// Reads `user` (default "multiflexi-job"; empty runs jobs as the daemon's
  /// user), `max_processes` and `max_memory_mb`. Root, or a daemon with the
  /// ambient capabilities CAP_SETUID and CAP_SETGID, switches users, and
  /// then refuses a user that does not exist; any other daemon cannot, and
  /// logs a warning that its jobs run as itself. Throws mfx::Invalid naming
  /// the key.
  static Confinement fromHost(const Host& host);

  /// `argv` (argv[0] resolved to a path) wrapped so it runs confined.
  std::vector<std::string> wrap(std::vector<std::string> argv) const;
  /// Hands a job directory the host made (a real directory of ours, mode
  /// 0700) to the job's user. Throws mfx::Denied for anything else — the
  /// daemon never gives away a directory it did not make for the job — and
  /// mfx::Unavailable when it cannot.
  void handOver(const std::string& jobDir) const;
  /// Hands the write ends of the job's stdout and stderr pipes to the job's
  /// user, so `echo x > /dev/stderr` (which reopens the pipe) works.
  void handOverPipes(int out, int err) const;
};

}  // namespace mfx::native
