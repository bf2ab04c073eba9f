#include "Spawner.h"

#include "ProgramResolver.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace mfx::native {

namespace {

std::string errnoText(int error) { return std::strerror(error); }

// glibc 2.36 declares pidfd_open without C linkage (fixed in 2.37), so a C++
// caller cannot link against it: use the system call itself.
int openPidfd(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

/// RAII for posix_spawn's two attribute objects.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

void makePipe(UniqueFd& readEnd, UniqueFd& writeEnd) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw Unavailable("cannot create a pipe: " + errnoText(errno));
  readEnd.reset(fds[0]);
  writeEnd.reset(fds[1]);
  if (::fcntl(readEnd.get(), F_SETFL, O_NONBLOCK) != 0)
    throw Unavailable("cannot make a pipe non-blocking: " + errnoText(errno));
}

std::string checkedEnvEntry(const EnvVar& var) {
  if (var.key.empty()) throw Invalid("environment variable with an empty name");
  if (var.key.find('=') != std::string_view::npos || var.key.find('\0') != std::string_view::npos)
    throw Invalid("environment variable name '" + std::string(var.key) +
                  "' contains '=' or a NUL byte");
  if (var.value.find('\0') != std::string_view::npos)
    throw Invalid("environment variable '" + std::string(var.key) + "' contains a NUL byte");
  std::string entry(var.key);
  entry += '=';
  entry += var.value;
  return entry;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

SpawnedProcess spawnProcess(const JobSpec& spec, const std::string& defaultPath, const Confinement& confinement) {
  if (spec.argc() == 0) throw Invalid("the job has no argv (nothing to run)");

  std::vector<std::string> args;
  for (std::size_t i = 0; i < spec.argc(); ++i) {
    if (spec.arg(i).find('\0') != std::string_view::npos)
      throw Invalid("argument " + std::to_string(i) + " contains a NUL byte");
    args.emplace_back(spec.arg(i));
  }
  std::vector<std::string> env;
  std::string searchPath = defaultPath;
  SpawnedProcess child;
  for (std::size_t i = 0; i < spec.envCount(); ++i) {
    const EnvVar var = spec.env(i);
    env.push_back(checkedEnvEntry(var));
    if (var.key == "PATH") searchPath = std::string(var.value);
    if (var.key == "MULTIFLEXI_TMP" && !var.value.empty()) child.marker = env.back();
  }
  args.front() = resolveProgram(args.front(), searchPath);
  args = confinement.wrap(std::move(args));
  const std::string program = args.front();
  const std::string workingDir(spec.workingDir());
  // Only the directory the host made for this job is handed to the job's
  // user: the one MULTIFLEXI_TMP names.
  if (!workingDir.empty() && child.marker == "MULTIFLEXI_TMP=" + workingDir) confinement.handOver(workingDir);
  child.uid = confinement.uid;

  UniqueFd outWrite;
  UniqueFd errWrite;
  makePipe(child.out, outWrite);
  makePipe(child.err, errWrite);
  confinement.handOverPipes(outWrite.get(), errWrite.get());

  SpawnSetup setup;
  posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&setup.actions, outWrite.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&setup.actions, errWrite.get(), STDERR_FILENO);
  // Nothing else of the host (database files, sockets) leaks into the job.
  posix_spawn_file_actions_addclosefrom_np(&setup.actions, STDERR_FILENO + 1);
  if (!workingDir.empty()) posix_spawn_file_actions_addchdir_np(&setup.actions, workingDir.c_str());

  sigset_t none;
  sigset_t all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setflags(&setup.attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&setup.attr, 0);  // the child leads a new process group
  posix_spawnattr_setsigmask(&setup.attr, &none);
  posix_spawnattr_setsigdefault(&setup.attr, &all);

  std::vector<char*> argv = pointers(args);
  std::vector<char*> envp = pointers(env);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, program.c_str(), &setup.actions, &setup.attr, argv.data(),
                               envp.data());
  if (rc != 0) {
    std::string reason = "cannot start '" + program + "': " + errnoText(rc);
    if (rc == ENOENT && !workingDir.empty() && ::access(workingDir.c_str(), F_OK) != 0)
      reason = "working directory '" + workingDir + "' does not exist";
    if (rc == ENOENT || rc == ENOTDIR) throw NotFound(reason);
    if (rc == EACCES || rc == ENOEXEC || rc == EPERM) throw Denied(reason);
    throw Unavailable(reason);
  }
  child.pid = pid;
  // The child is ours and unreaped, so its pid cannot have been reused yet.
  child.pidfd.reset(openPidfd(pid));
  if (!child.pidfd.valid()) {
    const int error = errno;
    ::kill(-pid, SIGKILL);
    siginfo_t info{};
    ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED);
    throw Unavailable("pidfd_open failed: " + errnoText(error));
  }
  return child;
}

}  // namespace mfx::native
