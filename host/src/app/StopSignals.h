// The one way a process of ours is asked to stop (daemons and executor:run):
// the stop signals are blocked in every thread — create this before any
// thread starts, plugins start theirs when they load — and received by one
// listener thread of our own, which calls the stop function at the first
// signal. Later ones are taken and dropped: a second Ctrl-C while a daemon
// drains does not kill it.
#pragma once

#include <atomic>
#include <functional>
#include <initializer_list>
#include <thread>

#include <signal.h>

namespace MultiFlexi {

class StopSignals {
 public:
  /// Blocks `signals` in the calling thread (and so in the threads it starts
  /// from now on). The default is what stops a daemon.
  explicit StopSignals(std::initializer_list<int> signals = {SIGTERM, SIGINT, SIGHUP});
  /// Stops listening, drops the stop signals still pending and restores the
  /// signal mask. Waits at most one listener poll (200 ms).
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  /// Starts listening; `stop` runs once, on the listener thread, at the first
  /// signal. Call once.
  void onStop(std::function<void(int signal)> stop);

 private:
  sigset_t _set{};
  sigset_t _previous{};
  std::atomic<bool> _done{false};
  std::thread _listener;
};

}  // namespace MultiFlexi
