// SIGTERM, SIGINT and SIGHUP for a daemon: blocked in every thread (create
// this before any thread starts) and received by one thread of our own,
// which calls the stop function once.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

#include <signal.h>

namespace MultiFlexi {

class DaemonSignals {
 public:
  DaemonSignals();
  /// Stops listening and restores the signal mask.
  ~DaemonSignals();
  DaemonSignals(const DaemonSignals&) = delete;
  DaemonSignals& operator=(const DaemonSignals&) = delete;

  /// Starts listening; `stop` runs on the listener thread at the first signal.
  void onStop(std::function<void(int signal)> stop);

 private:
  sigset_t _set{};
  sigset_t _previous{};
  std::atomic<bool> _done{false};
  std::thread _listener;
};

}  // namespace MultiFlexi
