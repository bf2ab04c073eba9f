#include "app/WakeChannel.h"

#include "common/Exceptions.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace MultiFlexi {

namespace {

const char* topicName(WakeTopic topic) { return topic == WakeTopic::Templates ? "templates" : "jobs"; }

bool fillAddress(const std::string& path, sockaddr_un& address) {
  address = sockaddr_un{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof(address.sun_path)) return false;
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  return true;
}

std::atomic<int> gChannelNumber{0};

}  // namespace

void notifyDaemons(const std::string& runDir, WakeTopic topic) {
  std::error_code ec;
  const std::string suffix = std::string(".") + topicName(topic) + ".sock";
  std::filesystem::directory_iterator it(runDir, ec);
  if (ec) return;  // no daemon ever ran here
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return;
  for (const auto& entry : it) {
    const std::string path = entry.path().string();
    if (path.size() < suffix.size() || path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    sockaddr_un address;
    if (!fillAddress(path, address)) continue;
    const char byte = 1;
    if (::sendto(fd, &byte, 1, 0, reinterpret_cast<sockaddr*>(&address), sizeof(address)) < 0 &&
        errno == ECONNREFUSED)
      std::filesystem::remove(entry.path(), ec);  // its daemon is gone
    // EAGAIN: the daemon already has wake-ups queued, which is enough.
  }
  ::close(fd);
}

WakeChannel::WakeChannel(const std::string& runDir, WakeTopic topic) {
  _eventFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (_eventFd < 0) throw MultiFlexiException(std::string("eventfd: ") + std::strerror(errno));
  auto& log = Poco::Logger::get("multiflexi.wake");
  std::error_code ec;
  std::filesystem::create_directories(runDir, ec);
  const std::string path = (std::filesystem::path(runDir) / (std::to_string(::getpid()) + "." +
                                                             std::to_string(gChannelNumber++) + "." +
                                                             topicName(topic) + ".sock"))
                               .string();
  sockaddr_un address;
  if (ec || !fillAddress(path, address)) {
    log.warning("no wake-up socket in %s (%s): other processes' changes are seen within MULTIFLEXI_CYCLE_PAUSE",
                runDir, ec ? ec.message() : std::string("path too long"));
    return;
  }
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  ::unlink(path.c_str());  // left by a process that had our pid
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    log.warning("cannot listen on %s (%s): other processes' changes are seen within MULTIFLEXI_CYCLE_PAUSE", path,
                std::string(std::strerror(errno)));
    if (fd >= 0) ::close(fd);
    return;
  }
  _socketFd = fd;
  _socketPath = path;
}

WakeChannel::~WakeChannel() {
  if (_socketFd >= 0) {
    ::close(_socketFd);
    ::unlink(_socketPath.c_str());
  }
  ::close(_eventFd);
}

void WakeChannel::wake() {
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(_eventFd, &one, sizeof(one));  // EAGAIN: already pending
}

bool WakeChannel::waitUntil(std::chrono::steady_clock::time_point deadline) {
  pollfd fds[2] = {{_eventFd, POLLIN, 0}, {_socketFd, POLLIN, 0}};
  const nfds_t count = _socketFd >= 0 ? 2 : 1;
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    const int timeout = static_cast<int>(std::clamp<int64_t>(left.count(), 0, 24 * 3600 * 1000));
    const int ready = ::poll(fds, count, timeout);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    break;
  }
  uint64_t value;
  [[maybe_unused]] ssize_t n = ::read(_eventFd, &value, sizeof(value));
  char buffer[64];
  if (_socketFd >= 0)
    while (::recv(_socketFd, buffer, sizeof(buffer), 0) > 0) {
    }
  return true;
}

}  // namespace MultiFlexi
