#include "OtelExporter.h"

#include <multiflexi/mfx_plugin.h>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace mfx::otel {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kSpansPerRequest = 512;
constexpr milliseconds kSendWindow{30000};   // a batch is given up after this
constexpr milliseconds kFlushWindow{4000};   // within flush's 5 s
constexpr milliseconds kFinalWindow{3000};   // at shutdown

int64_t nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

OtelExporter::OtelExporter(const OtelSettings& settings, Resource resource, std::string version, Log log,
                           RetryPolicy retry)
    : _settings(settings),
      _resource(std::move(resource)),
      _version(std::move(version)),
      _log(std::move(log)),
      _sender(settings.headers, settings.timeout, settings.caFile,
              RetryPolicy{settings.maxAttempts, retry.base, retry.cap, retry.retryAfterCap}),
      _tracker(settings.maxOpenJobs),
      _metrics(nowNs()) {
  _thread = std::thread([this] { run(); });
}

OtelExporter::~OtelExporter() {
  {
    std::lock_guard<std::mutex> l(_mutex);
    _stop = true;
  }
  _wake.notify_all();
  if (_thread.joinable()) _thread.join();
}

bool OtelExporter::enqueue(Event event) {
  {
    std::lock_guard<std::mutex> l(_mutex);
    if (_stop || _queue.size() >= _settings.queueSize) {
      ++_stats.eventsDropped;
      return false;
    }
    _queue.push_back(std::move(event));
    ++_stats.eventsQueued;
  }
  _wake.notify_one();
  return true;
}

bool OtelExporter::flush(milliseconds within) {
  bool done = false;
  {
    std::unique_lock<std::mutex> l(_mutex);
    const uint64_t ticket = ++_flushWanted;
    _wake.notify_one();
    done = _done.wait_for(l, within, [&] { return _flushDone >= ticket || _stop; });
  }
  if (!done) _log(Level::Warning, "flush did not finish in time; what is left is sent later");
  return done;
}

ExporterStats OtelExporter::stats() const {
  std::lock_guard<std::mutex> l(_mutex);
  return _stats;
}

void OtelExporter::process(std::deque<Event>& events) {
  for (const Event& ev : events) {
    nlohmann::json attrs = nlohmann::json::parse(ev.attributesJson, nullptr, false);
    if (!attrs.is_object()) {
      if (!ev.attributesJson.empty()) {
        std::lock_guard<std::mutex> l(_mutex);
        ++_stats.badAttributes;
      }
      attrs = nlohmann::json::object();
    }
    _metrics.onEvent(ev, attrs);
    for (auto& span : _tracker.onEvent(ev, attrs)) _pendingSpans.push_back(std::move(span));
  }
  std::lock_guard<std::mutex> l(_mutex);
  _stats.jobsEvicted = _tracker.evicted();
  _stats.jobsWithoutIds = _tracker.withoutIds();
}

bool OtelExporter::stopAsked() {
  std::lock_guard<std::mutex> l(_mutex);
  return _stop;
}

void OtelExporter::sendSpans(Clock::time_point deadline, const OtlpSender::Sleep& sleep, bool final) {
  while (!_pendingSpans.empty()) {
    if (!final && stopAsked()) return;
    if (Clock::now() >= deadline) {  // no time left: not worth encoding what cannot be sent
      std::lock_guard<std::mutex> l(_mutex);
      _stats.spansFailed += _pendingSpans.size();
      _log(Level::Warning, "dropped " + std::to_string(_pendingSpans.size()) + " spans: no time left to send them");
      _pendingSpans.clear();
      return;
    }
    const std::size_t n = std::min(_pendingSpans.size(), kSpansPerRequest);
    std::vector<SpanData> batch(std::make_move_iterator(_pendingSpans.begin()),
                                std::make_move_iterator(_pendingSpans.begin() + static_cast<long>(n)));
    _pendingSpans.erase(_pendingSpans.begin(), _pendingSpans.begin() + static_cast<long>(n));
    const PostResult r = _sender.post(_settings.tracesUrl, encodeTraces(_resource, _version, batch), deadline, sleep);
    std::lock_guard<std::mutex> l(_mutex);
    if (r.delivered) {
      _stats.spansExported += n;
      _stats.spansRejected += static_cast<uint64_t>(std::max<int64_t>(r.partial.rejected, 0));
      if (r.partial.rejected > 0 || !r.partial.message.empty())
        _log(Level::Warning, "collector rejected " + std::to_string(r.partial.rejected) + " of " +
                                 std::to_string(n) + " spans: " + r.partial.message);
    } else {
      _stats.spansFailed += n;
      _log(Level::Warning, "dropped " + std::to_string(n) + " spans after " + std::to_string(r.attempts) +
                               " attempts: " + r.error);
    }
  }
}

void OtelExporter::sendMetrics(Clock::time_point deadline, const OtlpSender::Sleep& sleep) {
  const MetricsBatch batch = _metrics.collect(nowNs());
  if (batch.empty()) return;
  const PostResult r = _sender.post(_settings.metricsUrl, encodeMetrics(_resource, _version, batch), deadline, sleep);
  std::lock_guard<std::mutex> l(_mutex);
  if (r.delivered) {
    ++_stats.metricExports;
    if (r.partial.rejected > 0 || !r.partial.message.empty())
      _log(Level::Warning, "collector rejected " + std::to_string(r.partial.rejected) +
                               " metric data points: " + r.partial.message);
  } else {
    ++_stats.metricExportsFailed;
    _log(Level::Warning, "dropped a metrics export after " + std::to_string(r.attempts) + " attempts: " + r.error);
  }
}

void OtelExporter::run() {
  auto nextMetrics = Clock::now() + _settings.exportInterval;
  // Waits between retries; a shutdown interrupts it.
  const OtlpSender::Sleep interruptible = [this](milliseconds d) {
    std::unique_lock<std::mutex> l(_mutex);
    return !_wake.wait_for(l, d, [&] { return _stop; });
  };
  const OtlpSender::Sleep plain = [](milliseconds d) {
    std::this_thread::sleep_for(d);
    return true;
  };
  for (;;) {
    std::deque<Event> events;
    uint64_t flushTicket = 0;
    uint64_t newDrops = 0;
    bool stopping = false;
    {
      std::unique_lock<std::mutex> l(_mutex);
      _wake.wait_until(l, nextMetrics,
                       [&] { return _stop || !_queue.empty() || _flushWanted > _flushDone; });
      events.swap(_queue);
      stopping = _stop;
      flushTicket = _flushWanted;
      newDrops = _stats.eventsDropped - _dropsReported;
      _dropsReported = _stats.eventsDropped;
    }
    if (newDrops > 0)
      _log(Level::Warning, "event queue full (OTEL_BSP_MAX_QUEUE_SIZE " + std::to_string(_settings.queueSize) +
                               "): dropped " + std::to_string(newDrops) + " events");
    process(events);
    const bool flushing = stopping || flushTicket > _flushDone;
    const auto now = Clock::now();
    const auto deadline = now + (stopping ? kFinalWindow : flushing ? kFlushWindow : kSendWindow);
    const OtlpSender::Sleep& sleep = stopping ? plain : interruptible;
    sendSpans(deadline, sleep, stopping);
    if (!stopping && stopAsked()) continue;  // the final pass sends the rest
    if (flushing || Clock::now() >= nextMetrics) {
      sendMetrics(deadline, sleep);
      nextMetrics = Clock::now() + _settings.exportInterval;
    }
    if (stopping) {
      std::lock_guard<std::mutex> l(_mutex);
      _flushDone = std::max(_flushDone, flushTicket);
      _done.notify_all();
      return;
    }
    if (flushTicket > 0) {
      std::lock_guard<std::mutex> l(_mutex);
      _flushDone = std::max(_flushDone, flushTicket);
      _done.notify_all();
    }
  }
}

}  // namespace mfx::otel
