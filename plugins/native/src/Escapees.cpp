#include "Escapees.h"

#include <cstdlib>
#include <cstring>
#include <string_view>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mfx::native {

namespace {

/// True when /proc/<pid>/environ (opened relative to /proc) holds `entry`.
bool hasEntry(int procFd, const char* pid, const std::string& entry) {
  const std::string path = std::string(pid) + "/environ";
  const int fd = ::openat(procFd, path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::string environ;
  char buffer[8192];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) environ.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  const std::string_view all(environ);
  std::size_t begin = 0;
  while (begin < all.size()) {
    std::size_t end = all.find('\0', begin);
    if (end == std::string_view::npos) end = all.size();
    if (all.substr(begin, end - begin) == entry) return true;
    begin = end + 1;
  }
  return false;
}

}  // namespace

int killEscapees(const std::string& marker, std::optional<uid_t> uid) {
  if (marker.empty()) return 0;
  const uid_t owner = uid.value_or(::geteuid());
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return 0;
  const int procFd = ::dirfd(proc);
  const pid_t self = ::getpid();
  int killed = 0;
  while (const dirent* entry = ::readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (*end != '\0' || pid <= 0 || pid == self) continue;
    struct stat st {};
    if (::fstatat(procFd, entry->d_name, &st, 0) != 0 || st.st_uid != owner) continue;
    if (hasEntry(procFd, entry->d_name, marker) && ::kill(static_cast<pid_t>(pid), SIGKILL) == 0) ++killed;
  }
  ::closedir(proc);
  return killed;
}

}  // namespace mfx::native
