// How daemons sleep until there is work, and how they are woken: from their
// own process (an eventfd) and from other processes of the same data
// directory (a datagram socket per daemon in the run directory, which
// notifyDaemons() writes to after a change).
#pragma once

#include <chrono>
#include <string>

namespace MultiFlexi {

/// What a sleeping daemon waits for.
enum class WakeTopic {
  Templates,  ///< run templates changed: schedulers recompute their slots
  Jobs,       ///< a job became pending: executors look for work
};

/// Wakes every daemon of `runDir` waiting on `topic` (one datagram to each of
/// its sockets; sockets of daemons that died are removed). Best effort: a
/// daemon that misses it still wakes by MULTIFLEXI_CYCLE_PAUSE.
void notifyDaemons(const std::string& runDir, WakeTopic topic);

class WakeChannel {
 public:
  /// Listens on <runDir>/<pid>.<n>.<topic>.sock. When the socket cannot be
  /// made (path too long, no permission) the channel wakes only from its
  /// own process, and says so in the log.
  WakeChannel(const std::string& runDir, WakeTopic topic);
  ~WakeChannel();
  WakeChannel(const WakeChannel&) = delete;
  WakeChannel& operator=(const WakeChannel&) = delete;

  /// Wakes the waiter; any thread, async-signal-safe.
  void wake();
  /// Sleeps until woken or `deadline`; true when woken. Every wake-up that
  /// arrived before the call is consumed by it.
  bool waitUntil(std::chrono::steady_clock::time_point deadline);

 private:
  int _eventFd = -1;
  int _socketFd = -1;
  std::string _socketPath;
};

}  // namespace MultiFlexi
