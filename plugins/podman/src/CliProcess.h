// Runs the podman CLI: either to completion, capturing what it prints, or
// attached, streaming its stdout and stderr as they come. The child gets
// exactly the given environment, stdin from /dev/null, and its own process
// group so that a deadline can kill all of it.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace mfx::podman {

struct CliResult {
  int status = -1;     ///< exit status; -1 when killed or timed out
  bool timedOut = false;
  std::string out;
  std::string err;     ///< at most the last 64 KiB
};

/// Runs argv[0] (searched on PATH of `environment`) to completion. Kills it
/// after `timeout`. Throws mfx::Unavailable when it cannot be started.
CliResult runCli(const std::vector<std::string>& argv, const std::vector<std::string>& environment,
                 std::chrono::milliseconds timeout);

/// A CLI process whose output is pumped by the caller.
class AttachedProcess {
 public:
  /// Starts argv; throws mfx::Unavailable when it cannot be started.
  AttachedProcess(const std::vector<std::string>& argv, const std::vector<std::string>& environment);
  /// Kills and reaps the process when it still runs.
  ~AttachedProcess();
  AttachedProcess(const AttachedProcess&) = delete;
  AttachedProcess& operator=(const AttachedProcess&) = delete;

  /// Waits up to `wait` for output, hands it to `output` (1 = stdout,
  /// 2 = stderr). Returns false once both streams ended and the process was
  /// reaped; status() is then valid.
  bool pump(std::chrono::milliseconds wait, const std::function<void(int, std::string_view)>& output);
  int status() const { return _status; }

 private:
  int _fds[2] = {-1, -1};  // before _pid: the constructor's spawn() fills it
  pid_t _pid = -1;
  int _status = -1;
};

}  // namespace mfx::podman
