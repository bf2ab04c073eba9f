#include "monitor/MonitorQueue.h"

#include <Poco/Logger.h>

namespace MultiFlexi {

using Clock = std::chrono::steady_clock;

namespace {
constexpr std::chrono::milliseconds kCallGrace{1'000};  // after the grace, for the call under way
Poco::Logger& logger() { return Poco::Logger::get("multiflexi.monitor"); }
}  // namespace

MonitorQueue::MonitorQueue(MonitorAdapter& monitor, MonitorQueueOptions options)
    : _monitor(monitor), _options(options) {}

MonitorQueue::~MonitorQueue() { stop(std::chrono::milliseconds(0)); }

void MonitorQueue::start() {
  _thread = std::thread(&MonitorQueue::loop, _state, &_monitor, _monitor.id(), _options.slowCall);
}

bool MonitorQueue::push(std::shared_ptr<const MonitorEvent> event) {
  if (!_monitor.accepts(event->kind)) return true;
  {
    std::lock_guard<std::mutex> lock(_state->mutex);
    if (_state->stopping) return false;
    if (_state->events.size() >= _options.capacity) {
      countDrop();
      return false;
    }
    _state->events.push_back(std::move(event));
  }
  _state->wake.notify_one();
  return true;
}

void MonitorQueue::countDropped() {
  std::lock_guard<std::mutex> lock(_state->mutex);
  countDrop();
}

void MonitorQueue::countDrop() {
  State& s = *_state;
  ++s.dropped;
  ++s.droppedSinceLog;
  const auto now = Clock::now();
  if (s.dropped == 1 || now - s.dropLogged >= _options.dropLogInterval) {
    logger().warning("monitor %s: queue full (%z events): %?d event(s) dropped (%?d in all)", _monitor.id(),
                     _options.capacity, s.droppedSinceLog, s.dropped);
    s.droppedSinceLog = 0;
    s.dropLogged = now;
  }
}

void MonitorQueue::loop(std::shared_ptr<State> state, const MonitorAdapter* monitor, std::string id,
                        std::chrono::milliseconds slowCall) {
  State& s = *state;
  std::unique_lock<std::mutex> lock(s.mutex);
  for (;;) {
    s.wake.wait(lock, [&s] { return s.quit || s.stopping || !s.events.empty(); });
    if (s.quit || s.events.empty()) break;  // stopping with nothing left
    auto event = std::move(s.events.front());
    s.events.pop_front();
    s.busy = true;
    lock.unlock();
    const auto began = Clock::now();
    const bool ok = monitor->deliver(event->table());
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - began);
    if (took >= slowCall)
      logger().warning("monitor %s: on_event took %?d ms (slow: it delays only its own queue)", id, took.count());
    lock.lock();
    s.busy = false;
    ++s.delivered;
    if (!ok) ++s.failed;
    s.idle.notify_all();
  }
  s.idle.notify_all();
}

std::size_t MonitorQueue::stop(std::chrono::milliseconds grace) {
  if (_stopped) return 0;
  _stopped = true;
  State& s = *_state;
  std::unique_lock<std::mutex> lock(s.mutex);
  s.stopping = true;
  s.wake.notify_all();
  bool stuck = false;
  std::size_t left = 0;
  if (_thread.joinable() && !s.idle.wait_for(lock, grace, [&s] { return s.events.empty() && !s.busy; })) {
    // Over the grace: the rest is dropped; a call under way gets kCallGrace more to return.
    left = s.events.size();
    s.events.clear();
    stuck = !s.idle.wait_for(lock, kCallGrace, [&s] { return !s.busy; });
  }
  left += s.events.size();  // never started: nothing was delivered
  s.events.clear();
  s.quit = true;
  s.wake.notify_all();
  lock.unlock();
  if (stuck) {
    logger().error("monitor %s: still in a call after the %?d ms grace; its thread is left behind and the "
                   "monitor is neither flushed nor freed (%z event(s) undelivered)",
                   _monitor.id(), static_cast<int64_t>(grace.count()), left);
    _thread.detach();
    _monitor.abandon();
    return left;
  }
  if (_thread.joinable()) _thread.join();
  if (left > 0)
    logger().warning("monitor %s: stopped with %z event(s) undelivered (grace %?d ms)", _monitor.id(), left,
                     static_cast<int64_t>(grace.count()));
  _monitor.flush();
  return left;
}

MonitorStats MonitorQueue::stats() const {
  std::lock_guard<std::mutex> lock(_state->mutex);
  MonitorStats out;
  out.monitorId = _monitor.id();
  out.pluginId = _monitor.pluginId();
  out.delivered = _state->delivered;
  out.dropped = _state->dropped;
  out.failed = _state->failed;
  out.queued = _state->events.size();
  return out;
}

}  // namespace MultiFlexi
