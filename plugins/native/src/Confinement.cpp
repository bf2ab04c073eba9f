#include "Confinement.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <linux/capability.h>

namespace mfx::native {

namespace {

constexpr const char* kDefaultUser = "multiflexi-job";
constexpr const char* kPrlimit = "/usr/bin/prlimit";
constexpr const char* kSetpriv = "/usr/bin/setpriv";

uint64_t configCount(const Host& host, const char* key, uint64_t fallback) {
  const std::optional<std::string> text = host.config(key);
  if (!text) return fallback;
  char* end = nullptr;
  errno = 0;
  const unsigned long long value = std::strtoull(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || errno != 0 || (*text)[0] == '-')
    throw Invalid(std::string(key) + ": expected a whole number >= 0, got '" + *text + "'");
  return value;
}

/// True when setpriv, started by this process, may switch users.
bool maySwitchUsers() {
  if (::geteuid() == 0) return true;
  return ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_SETUID, 0, 0) == 1 &&
         ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_SETGID, 0, 0) == 1;
}

}  // namespace

Confinement Confinement::fromHost(const Host& host) {
  Confinement c;
  c.maxProcesses = configCount(host, "max_processes", c.maxProcesses);
  c.maxMemoryMb = configCount(host, "max_memory_mb", c.maxMemoryMb);
  const std::string user = host.config("user").value_or(kDefaultUser);
  if (user.empty()) return c;
  if (!maySwitchUsers()) {
    host.log(Level::Warning, "jobs run as the daemon's own user (uid " + std::to_string(::geteuid()) +
                                 "), not as '" + user +
                                 "': switching needs root or the ambient capabilities CAP_SETUID and CAP_SETGID; "
                                 "such jobs can read what the daemon can");
    return c;
  }
  errno = 0;
  const passwd* entry = ::getpwnam(user.c_str());
  if (entry == nullptr)
    throw Invalid("user: '" + user + "' does not exist (create it with 'adduser --system --group " + user +
                  "', or set user to an empty value to run jobs as the daemon's user)");
  if (entry->pw_uid == 0) throw Invalid("user: '" + user + "' is root; jobs must run as an unprivileged user");
  c.uid = entry->pw_uid;
  c.gid = entry->pw_gid;
  c.userName = user;
  return c;
}

std::vector<std::string> Confinement::wrap(std::vector<std::string> argv) const {
  std::vector<std::string> prefix;
  if (maxProcesses > 0 || maxMemoryMb > 0) {
    prefix.push_back(kPrlimit);
    if (maxProcesses > 0) prefix.push_back("--nproc=" + std::to_string(maxProcesses));
    if (maxMemoryMb > 0) prefix.push_back("--data=" + std::to_string(maxMemoryMb << 20));
    prefix.push_back("--");
  }
  if (uid) {
    prefix.insert(prefix.end(), {kSetpriv, "--reuid=" + std::to_string(*uid), "--regid=" + std::to_string(gid),
                                 "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--"});
  }
  if (prefix.empty()) return argv;
  prefix.insert(prefix.end(), std::make_move_iterator(argv.begin()), std::make_move_iterator(argv.end()));
  return prefix;
}

void Confinement::handOverPipes(int out, int err) const {
  if (!uid) return;
  for (int fd : {out, err})
    if (::fchown(fd, *uid, gid) != 0)
      throw Unavailable(std::string("cannot hand the job's output pipe to user '") + userName +
                        "': " + std::strerror(errno));
}

void Confinement::handOver(const std::string& jobDir) const {
  if (!uid) return;
  const int fd = ::open(jobDir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    throw Unavailable("cannot open the job directory '" + jobDir + "': " + std::strerror(errno));
  struct stat st {};
  const bool ours = ::fstat(fd, &st) == 0 && st.st_uid == ::geteuid() && (st.st_mode & 07777) == 0700;
  const int rc = ours ? ::fchown(fd, *uid, gid) : 0;
  const int error = errno;
  ::close(fd);
  if (!ours)
    throw Denied("the job directory '" + jobDir + "' is not a 0700 directory of the daemon's user: not handing it to '" +
                 userName + "'");
  if (rc != 0)
    throw Unavailable("cannot hand the job directory '" + jobDir + "' to user '" + userName + "': " +
                      std::strerror(error));
}

}  // namespace mfx::native
