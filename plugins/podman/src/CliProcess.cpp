#include "CliProcess.h"

#include "ChildSpawn.h"

#include <multiflexi/mfx_plugin.hpp>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mfx::podman {

namespace {

constexpr std::size_t kErrLimit = 64 * 1024;

void closeFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

/// Spawns argv with stdout/stderr on fresh pipes; fills the read ends.
pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& environment, int (&fds)[2]) {
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw Unavailable(std::string("cannot create a pipe: ") + std::strerror(errno));
  if (::pipe2(err, O_CLOEXEC) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    throw Unavailable(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  pid_t pid = -1;
  try {
    pid = support::spawnChild(argv, environment, -1, out[1], err[1]);
  } catch (const Unavailable&) {
    for (const int fd : {out[0], out[1], err[0], err[1]}) ::close(fd);
    throw;
  }
  ::close(out[1]);
  ::close(err[1]);
  fds[0] = out[0];
  fds[1] = err[0];
  return pid;
}

int reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Reads what is ready on fds; closes a stream at its end.
void readReady(int (&fds)[2], int waitMs, const std::function<void(int, std::string_view)>& output) {
  pollfd p[2] = {{fds[0], POLLIN, 0}, {fds[1], POLLIN, 0}};
  if (::poll(p, 2, waitMs) < 0) return;  // EINTR: the caller loops
  char buffer[65536];
  for (int i = 0; i < 2; ++i) {
    if (fds[i] < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    const ssize_t n = ::read(fds[i], buffer, sizeof buffer);
    if (n > 0) output(i + 1, std::string_view(buffer, static_cast<std::size_t>(n)));
    else if (n == 0 || errno != EINTR) closeFd(fds[i]);
  }
}

}  // namespace

CliResult runCli(const std::vector<std::string>& argv, const std::vector<std::string>& environment,
                 std::chrono::milliseconds timeout) {
  int fds[2] = {-1, -1};
  const pid_t pid = spawn(argv, environment, fds);
  CliResult result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (fds[0] >= 0 || fds[1] >= 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timedOut = true;
      ::kill(-pid, SIGKILL);
      break;
    }
    readReady(fds, static_cast<int>(left.count()), [&result](int stream, std::string_view bytes) {
      std::string& into = stream == 1 ? result.out : result.err;
      into.append(bytes);
      if (stream == 2 && into.size() > kErrLimit) into.erase(0, into.size() - kErrLimit);
    });
  }
  closeFd(fds[0]);
  closeFd(fds[1]);
  const int status = reap(pid);
  result.status = result.timedOut ? -1 : status;
  return result;
}

AttachedProcess::AttachedProcess(const std::vector<std::string>& argv, const std::vector<std::string>& environment)
    : _pid(spawn(argv, environment, _fds)) {}

AttachedProcess::~AttachedProcess() {
  closeFd(_fds[0]);
  closeFd(_fds[1]);
  if (_pid > 0) {
    ::kill(-_pid, SIGKILL);
    reap(_pid);
  }
}

bool AttachedProcess::pump(std::chrono::milliseconds wait,
                           const std::function<void(int, std::string_view)>& output) {
  if (_pid < 0) return false;
  if (_fds[0] >= 0 || _fds[1] >= 0) {
    readReady(_fds, static_cast<int>(wait.count()), output);
    return true;
  }
  _status = reap(_pid);
  _pid = -1;
  return false;
}

}  // namespace mfx::podman
