#include "ZabbixMonitor.h"

#include <algorithm>
#include <exception>
#include <vector>

namespace mfx::zabbix {

namespace {
constexpr std::chrono::seconds kLogEvery{10};  // repeated warnings at most this often
}

ZabbixMonitor::ZabbixMonitor(const Host& host, ZabbixSettings settings)
    : _host(host),
      _settings(std::move(settings)),
      _report(_settings.fallbackHost),
      _sender(_settings.server, _settings.port, _settings.connectTimeout, _settings.ioTimeout) {
  if (!_settings.enabled()) {
    _host.log(Level::Notice, "zabbix: ZABBIX_SERVER is not set: the zabbix monitor is idle and sends nothing");
    return;
  }
  _host.log(Level::Information, "zabbix: sending to " + _sender.endpoint() + ", default host '" +
                                    _settings.fallbackHost + "', batches of " + std::to_string(_settings.batchSize) +
                                    " every " + std::to_string(_settings.batchInterval.count()) + " ms, buffer " +
                                    std::to_string(_settings.bufferSize));
  _thread = std::thread([this] { run(); });
}

ZabbixMonitor::~ZabbixMonitor() {
  if (!_thread.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(_mutex);
    _stop = true;
  }
  _wake.notify_all();
  _thread.join();
  const std::size_t left = _buffer.size() + _delayed.size();
  if (left > 0)
    _host.log(Level::Warning, "zabbix: " + std::to_string(left) + " values were not sent to " + _sender.endpoint() +
                                  " before shutdown");
}

void ZabbixMonitor::onEvent(const JobEventView& event) {
  if (!_settings.enabled()) return;
  std::string skipped;
  std::vector<Outgoing> outs;
  try {
    outs = _report.build(event, std::chrono::system_clock::now(), skipped);
  } catch (const std::exception& e) {
    std::lock_guard<std::mutex> lock(_mutex);
    ++_counters.dropped;
    _host.log(Level::Warning, "zabbix: event of job " + std::to_string(event.scope().jobId) + " not sent: " + e.what());
    return;
  }
  if (!skipped.empty())
    _host.log(Level::Warning, "zabbix: no job-[...] value for job " + std::to_string(event.scope().jobId) + ": " + skipped);
  {
    std::lock_guard<std::mutex> lock(_mutex);
    const Clock::time_point now = Clock::now();
    for (auto& out : outs) {
      push(Entry{std::move(out), now, false});
      ++_counters.queued;
    }
  }
  _wake.notify_all();
}

void ZabbixMonitor::flush() {
  if (!_settings.enabled()) return;
  std::unique_lock<std::mutex> lock(_mutex);
  _flushing = true;
  _retryAt = Clock::now();  // one attempt now, even while backing off
  _wake.notify_all();
  _drained.wait_for(lock, _settings.flushTimeout,
                    [this] { return _buffer.empty() && _delayed.empty() && _inFlight == 0; });
  _flushing = false;
}

ZabbixCounters ZabbixMonitor::counters() const {
  std::lock_guard<std::mutex> lock(_mutex);
  return _counters;
}

std::size_t ZabbixMonitor::pending() const {
  std::lock_guard<std::mutex> lock(_mutex);
  return _buffer.size() + _delayed.size() + _inFlight;
}

void ZabbixMonitor::push(Entry entry) {
  if (_buffer.size() >= _settings.bufferSize) dropOldest(_buffer.size() - _settings.bufferSize + 1);
  _buffer.push_back(std::move(entry));
}

void ZabbixMonitor::dropOldest(std::size_t n) {
  n = std::min(n, _buffer.size());
  _buffer.erase(_buffer.begin(), _buffer.begin() + static_cast<std::ptrdiff_t>(n));
  _counters.dropped += n;
  const Clock::time_point now = Clock::now();
  if (now - _lastDropLog < kLogEvery) return;
  _lastDropLog = now;
  _host.log(Level::Warning, "zabbix: buffer of " + std::to_string(_settings.bufferSize) +
                                " values is full, dropping the oldest (" + std::to_string(_counters.dropped) +
                                " dropped so far)");
}

void ZabbixMonitor::run() {
  std::unique_lock<std::mutex> lock(_mutex);
  while (!_stop) {
    const Clock::time_point now = Clock::now();
    // Resends whose delay is over go first: they are the oldest values.
    while (!_delayed.empty() && _delayed.front().first <= now) {
      _buffer.push_front(std::move(_delayed.front().second));
      _delayed.pop_front();
      if (_buffer.size() > _settings.bufferSize) dropOldest(_buffer.size() - _settings.bufferSize);
    }
    if (_buffer.empty()) {
      _drained.notify_all();
      if (_delayed.empty())
        _wake.wait(lock);
      else
        _wake.wait_until(lock, _delayed.front().first);
      continue;
    }
    if (now < _retryAt) {
      _wake.wait_until(lock, _retryAt);
      continue;
    }
    const Clock::time_point due = _buffer.front().queuedAt + _settings.batchInterval;
    if (_buffer.size() < _settings.batchSize && now < due && !_flushing) {
      _wake.wait_until(lock, _delayed.empty() ? due : std::min(due, _delayed.front().first));
      continue;
    }
    sendBatch(lock);
  }
}

void ZabbixMonitor::sendBatch(std::unique_lock<std::mutex>& lock) {
  // A fresh value goes alone, so the reply's "failed" count is about it.
  std::vector<Entry> batch;
  if (_buffer.front().out.fresh) {
    batch.push_back(std::move(_buffer.front()));
    _buffer.pop_front();
  } else {
    while (!_buffer.empty() && batch.size() < _settings.batchSize && !_buffer.front().out.fresh) {
      batch.push_back(std::move(_buffer.front()));
      _buffer.pop_front();
    }
  }
  std::vector<SenderValue> values;
  values.reserve(batch.size());
  for (const auto& e : batch) values.push_back(e.out.value);
  _inFlight = batch.size();
  lock.unlock();
  SenderReply reply;
  std::string error;
  try {
    reply = _sender.send(values);
  } catch (const std::exception& e) {
    error = e.what();
  }
  lock.lock();
  _inFlight = 0;
  const Clock::time_point now = Clock::now();

  if (!error.empty()) {
    ++_counters.sendErrors;
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) _buffer.push_front(std::move(*it));
    if (_buffer.size() > _settings.bufferSize) dropOldest(_buffer.size() - _settings.bufferSize);
    const bool first = _backoff.count() == 0;
    _backoff = first ? _settings.retryMin : std::min(_settings.retryMax, _backoff * 2);
    _retryAt = now + _backoff;
    _host.log(first ? Level::Warning : Level::Debug,
              "zabbix: cannot send: " + error + "; keeping " + std::to_string(_buffer.size()) +
                  " values, next attempt in " + std::to_string(_backoff.count()) + " ms");
    return;
  }
  if (_backoff.count() != 0) {
    _backoff = std::chrono::milliseconds(0);
    _host.log(Level::Notice, "zabbix: " + _sender.endpoint() + " answers again");
  }
  if (!reply.success) {
    _counters.dropped += batch.size();
    _host.log(Level::Error, "zabbix: " + _sender.endpoint() + " refused " + std::to_string(batch.size()) +
                                " values: " + (reply.info.empty() ? "(no info)" : reply.info));
    return;
  }
  const uint64_t failed = reply.counted ? std::min<uint64_t>(reply.failed, batch.size()) : 0;
  _counters.sent += batch.size() - failed;
  if (failed == 0) return;
  if (batch.size() == 1 && batch.front().out.fresh && !batch.front().resend) {
    // Likely raced its own discovery: Zabbix creates the item a moment later.
    Entry again = std::move(batch.front());
    again.resend = true;
    ++_counters.resent;
    _delayed.emplace_back(now + _settings.lldRetryDelay, std::move(again));
    return;
  }
  _counters.rejected += failed;
  if (now - _lastRejectLog < kLogEvery) return;
  _lastRejectLog = now;
  _host.log(Level::Warning, "zabbix: " + _sender.endpoint() + " rejected " + std::to_string(failed) + " of " +
                                std::to_string(batch.size()) + " values (unknown host or item?), e.g. host '" +
                                batch.front().out.value.host + "' key '" + batch.front().out.value.key + "'");
}

}  // namespace mfx::zabbix
