// One I/O thread for all jobs of the native executor: streams their stdout
// and stderr chunk by chunk, enforces timeouts and cancellation by signalling
// each job's process group, waits for exactly the processes it started (by
// pidfd) and reports each job's end once.
#pragma once

#include "Spawner.h"

#include <multiflexi/mfx_plugin.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace mfx::native {

/// Timing settings of the reactor.
struct ReactorSettings {
  /// Between SIGTERM and SIGKILL when a job times out.
  std::chrono::milliseconds timeoutGrace{5000};
  /// How long to keep reading output pipes that processes which left the
  /// job's process group still hold open after the job ended.
  std::chrono::milliseconds drainLimit{2000};
};

class ProcessReactor {
 public:
  explicit ProcessReactor(ReactorSettings settings);
  /// Stops the thread. Jobs still running (a host that broke the contract)
  /// are killed and reaped without further events.
  ~ProcessReactor();
  ProcessReactor(const ProcessReactor&) = delete;
  ProcessReactor& operator=(const ProcessReactor&) = delete;

  /// Takes over a started process; reports its output and end to events.
  /// Returns the job's id for cancel(). Thread-safe.
  uint64_t watch(SpawnedProcess process, JobEvents events, std::chrono::milliseconds timeout);

  /// Stops a job: SIGTERM to its process group now, SIGKILL after grace.
  /// Asynchronous and idempotent; unknown or finished ids are ignored.
  /// Thread-safe.
  void cancel(uint64_t id, std::chrono::milliseconds grace);

 private:
  using Clock = std::chrono::steady_clock;
  enum class StopReason { None, Timeout, Cancel };
  struct Watched;
  struct Command {
    uint64_t id;
    std::unique_ptr<Watched> job;  // set for watch, empty for cancel
    std::chrono::milliseconds grace;
  };

  void run();
  void applyCommands();
  void onReadable(uint64_t tag);
  void readPipe(Watched& job, int stream);
  void onExit(Watched& job);
  void stop(Watched& job, StopReason reason, std::chrono::milliseconds grace);
  void enforceDeadlines();
  int nextWaitMs() const;
  void finishIfDone(uint64_t id);
  void wake();

  ReactorSettings _settings;
  UniqueFd _epoll;
  UniqueFd _wakeFd;
  std::mutex _mutex;  // guards _commands, _nextId, _stopping
  std::vector<Command> _commands;
  uint64_t _nextId = 1;
  bool _stopping = false;
  std::map<uint64_t, std::unique_ptr<Watched>> _jobs;  // reactor thread only
  std::vector<char> _buffer;
  std::thread _thread;
};

}  // namespace mfx::native
