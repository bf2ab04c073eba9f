#include "HelperProcess.h"

#include "ChildSpawn.h"

#include <multiflexi/mfx_plugin.hpp>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mfx::exec {

namespace {

constexpr std::size_t kErrTail = 400;

/// A pipe whose ends close themselves.
struct Pipe {
  int fd[2] = {-1, -1};
  Pipe() {
    if (::pipe2(fd, O_CLOEXEC) != 0) throw Unavailable(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  ~Pipe() {
    closeEnd(0);
    closeEnd(1);
  }
  void closeEnd(int i) {
    if (fd[i] >= 0) ::close(fd[i]);
    fd[i] = -1;
  }
};

}  // namespace

HelperResult runHelper(const std::string& command, const std::vector<std::pair<std::string, std::string>>& environment,
                       const std::string& input, std::chrono::milliseconds timeout, std::size_t maxOutput) {
  Pipe in, out, err;
  std::vector<std::string> envText;
  for (const auto& [k, v] : environment) envText.push_back(k + "=" + v);
  const pid_t pid = support::spawnChild({"/bin/sh", "-c", command}, envText, in.fd[0], out.fd[1], err.fd[1]);
  in.closeEnd(0);
  out.closeEnd(1);
  err.closeEnd(1);
  ::fcntl(in.fd[1], F_SETFL, O_NONBLOCK);

  HelperResult result;
  std::size_t written = 0;
  if (input.empty()) in.closeEnd(1);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[65536];
  while (out.fd[0] >= 0 || err.fd[0] >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timedOut = true;
      break;
    }
    pollfd fds[3] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}, {in.fd[1], POLLOUT, 0}};
    if (::poll(fds, 3, static_cast<int>(left.count())) < 0 && errno != EINTR) break;
    if (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) {
      const ssize_t n = ::write(in.fd[1], input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 || written == input.size()) in.closeEnd(1);
    }
    for (int i = 0; i < 2; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Pipe& p = i == 0 ? out : err;
      const ssize_t n = ::read(p.fd[0], buffer, sizeof buffer);
      if (n <= 0) {
        p.closeEnd(0);
        continue;
      }
      if (i == 0) {
        if (result.out.size() + static_cast<std::size_t>(n) > maxOutput) {
          result.outputTooLarge = true;
          out.closeEnd(0);
          err.closeEnd(0);
          break;
        }
        result.out.append(buffer, static_cast<std::size_t>(n));
      } else {
        result.errTail.append(buffer, static_cast<std::size_t>(n));
        if (result.errTail.size() > kErrTail) result.errTail.erase(0, result.errTail.size() - kErrTail);
      }
    }
  }
  if (result.timedOut || result.outputTooLarge) ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::kill(-pid, SIGKILL);  // whatever the helper left behind in its group
  if (WIFEXITED(status)) result.exitCode = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

}  // namespace mfx::exec
