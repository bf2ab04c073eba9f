// The queue of one monitor and its thread: events are delivered in the order
// pushed (so in order per job), one call at a time, from this thread only —
// a slow or hung monitor delays only itself.
//
// Bounded: a push to a full queue drops the event and counts it; the first
// drop is logged, then at most once per dropLogInterval with the count. A
// call that takes longer than slowCall is logged as slow with the monitor's
// id; a call during which the plugin logged an error (its wrapper caught an
// exception) counts as failed. A segfault in a plugin cannot be caught: it
// takes the process down (plugins run in-process).
//
// stop() delivers what is queued within a grace, then calls the monitor's
// flush and says how many events it left undelivered. A call under way when
// the grace ends gets one more second; a monitor still stuck in it is left
// behind (its thread detached) and never flushed nor freed
// (MonitorAdapter::abandon).
//
// Ownership: the adapter must outlive the queue. Threads: push() and
// stats() from any thread; start() and stop() from one owner thread.
#pragma once

#include "monitor/MonitorEvent.h"
#include "monitor/MonitorStats.h"
#include "plugin/MonitorAdapter.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace MultiFlexi {

struct MonitorQueueOptions {
  std::size_t capacity = 10'000;  ///< MULTIFLEXI_MONITOR_QUEUE
  std::chrono::milliseconds slowCall{5'000};
  std::chrono::milliseconds dropLogInterval{60'000};
};

class MonitorQueue {
 public:
  MonitorQueue(MonitorAdapter& monitor, MonitorQueueOptions options);
  /// stop() with no grace, when not stopped yet.
  ~MonitorQueue();
  MonitorQueue(const MonitorQueue&) = delete;
  MonitorQueue& operator=(const MonitorQueue&) = delete;

  /// Starts the delivery thread.
  void start();
  /// Queues `event` when the monitor accepts its kind; false when the queue
  /// was full (the event is dropped and counted) or stopped.
  bool push(std::shared_ptr<const MonitorEvent> event);
  /// Delivers what is queued for at most `grace`, flushes, and returns how
  /// many events were left undelivered (logged when any). Once.
  std::size_t stop(std::chrono::milliseconds grace);
  /// Counts an event for this monitor dropped before it reached the queue.
  void countDropped();
  MonitorStats stats() const;
  const MonitorAdapter& monitor() const { return _monitor; }

 private:
  /// Shared with the thread: a thread left behind in a stuck call keeps it.
  struct State {
    std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable idle;
    std::deque<std::shared_ptr<const MonitorEvent>> events;
    bool stopping = false;  // no more pushes
    bool quit = false;      // the loop returns after the current call
    bool busy = false;      // in a call to the plugin
    uint64_t delivered = 0;
    uint64_t dropped = 0;
    uint64_t failed = 0;
    uint64_t droppedSinceLog = 0;
    std::chrono::steady_clock::time_point dropLogged{};
  };
  static void loop(std::shared_ptr<State> state, const MonitorAdapter* monitor, std::string id,
                   std::chrono::milliseconds slowCall);
  void countDrop();  // under the state's mutex

  MonitorAdapter& _monitor;
  const MonitorQueueOptions _options;
  std::shared_ptr<State> _state = std::make_shared<State>();
  bool _stopped = false;
  std::thread _thread;
};

}  // namespace MultiFlexi
