// The `zabbix` monitor: on_event turns an event into sender values and
// appends them to a bounded buffer (never touching the network); a sender
// thread of its own sends them in batches, retries with exponential backoff
// while the server is down, and resends once the first values of a freshly
// discovered template that Zabbix rejected. THREADS: onEvent from the
// host's queue thread, flush from any thread; the destructor stops and joins
// the sender thread (bounded by the socket timeouts). Throws nothing out of
// onEvent/flush except on broken invariants.
#pragma once

#include "JobReport.h"
#include "ZabbixSender.h"
#include "ZabbixSettings.h"

#include <multiflexi/mfx_plugin.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

namespace mfx::zabbix {

/// What the monitor did so far (for tests and the log).
struct ZabbixCounters {
  uint64_t queued = 0;      ///< values accepted into the buffer
  uint64_t sent = 0;        ///< values Zabbix processed
  uint64_t rejected = 0;    ///< values Zabbix reported failed (for good)
  uint64_t resent = 0;      ///< values sent again after a discovery
  uint64_t dropped = 0;     ///< values lost: buffer full, bad events, refused requests
  uint64_t sendErrors = 0;  ///< exchanges that failed (server down, bad reply)
};

class ZabbixMonitor : public Monitor {
 public:
  ZabbixMonitor(const Host& host, ZabbixSettings settings);
  ~ZabbixMonitor() override;
  ZabbixMonitor(const ZabbixMonitor&) = delete;
  ZabbixMonitor& operator=(const ZabbixMonitor&) = delete;

  void onEvent(const JobEventView& event) override;
  /// Sends what is buffered; returns when it is sent or after flushTimeout.
  void flush() override;

  ZabbixCounters counters() const;
  /// Values waiting in the buffer (including delayed resends).
  std::size_t pending() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    Outgoing out;
    Clock::time_point queuedAt{};
    bool resend = false;  ///< already the one resend after a discovery
  };

  void run();
  void sendBatch(std::unique_lock<std::mutex>& lock);  // unlocks while sending
  void push(Entry entry);                              // with _mutex held
  void dropOldest(std::size_t n);                      // with _mutex held

  Host _host;
  ZabbixSettings _settings;
  JobReport _report;
  ZabbixSender _sender;

  mutable std::mutex _mutex;
  std::condition_variable _wake;     // the sender thread waits on it
  std::condition_variable _drained;  // flush waits on it
  std::deque<Entry> _buffer;
  std::deque<std::pair<Clock::time_point, Entry>> _delayed;  // resends after a discovery
  std::size_t _inFlight = 0;
  bool _stop = false;
  bool _flushing = false;
  Clock::time_point _retryAt{};          // backoff: no attempt before
  std::chrono::milliseconds _backoff{0};  // 0: the server answered last time
  Clock::time_point _lastDropLog{};
  Clock::time_point _lastRejectLog{};
  ZabbixCounters _counters;
  std::thread _thread;
};

}  // namespace mfx::zabbix
