// The exporter thread of mfx_otel: job events go into a bounded queue
// (enqueue never blocks and never touches the network; a full queue drops
// the event and counts it); the thread turns them into spans (JobTracker)
// and metric points (JobMetrics), POSTs spans as jobs end and metrics every
// export interval and on flush.
// THREADS: enqueue, flush and stats may be called from any thread. The
// destructor stops the thread and joins it: a request in flight ends first
// (at most OTEL_EXPORTER_OTLP_TIMEOUT), then what is left is sent within ~3 s.
#pragma once

#include "JobMetrics.h"
#include "JobTracker.h"
#include "OtelSettings.h"
#include "OtlpSender.h"

#include <multiflexi/mfx_plugin.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mfx::otel {

struct ExporterStats {
  uint64_t eventsQueued = 0;
  uint64_t eventsDropped = 0;      ///< queue full
  uint64_t badAttributes = 0;      ///< attributes_json that was not a JSON object
  uint64_t spansExported = 0;
  uint64_t spansRejected = 0;      ///< partial success from the collector
  uint64_t spansFailed = 0;        ///< batches given up after retries
  uint64_t metricExports = 0;
  uint64_t metricExportsFailed = 0;
  uint64_t jobsEvicted = 0;        ///< open jobs forgotten (map full)
  uint64_t jobsWithoutIds = 0;     ///< ended jobs without valid trace ids
};

class OtelExporter {
 public:
  using Log = std::function<void(Level, const std::string&)>;

  /// Starts the thread. Throws Invalid when the TLS settings are unusable.
  OtelExporter(const OtelSettings& settings, Resource resource, std::string version, Log log,
               RetryPolicy retry = {});
  ~OtelExporter();
  OtelExporter(const OtelExporter&) = delete;
  OtelExporter& operator=(const OtelExporter&) = delete;

  /// Queues the event; false when the queue was full (dropped, counted).
  bool enqueue(Event event);
  /// Sends everything queued and the current metrics; true when done
  /// within `within` (the ABI allows at most 5 s).
  bool flush(std::chrono::milliseconds within = std::chrono::milliseconds(4500));
  ExporterStats stats() const;

 private:
  void run();
  void process(std::deque<Event>& events);
  /// Sends the pending spans in batches. Unless `final`, a stop asked
  /// meanwhile ends it between batches: the rest waits for the final pass.
  void sendSpans(std::chrono::steady_clock::time_point deadline, const OtlpSender::Sleep& sleep, bool final);
  bool stopAsked();
  void sendMetrics(std::chrono::steady_clock::time_point deadline, const OtlpSender::Sleep& sleep);

  const OtelSettings _settings;
  const Resource _resource;
  const std::string _version;
  const Log _log;
  OtlpSender _sender;

  // Owned by the exporter thread.
  JobTracker _tracker;
  JobMetrics _metrics;
  std::vector<SpanData> _pendingSpans;

  mutable std::mutex _mutex;
  std::condition_variable _wake;   // work for the thread
  std::condition_variable _done;   // a flush finished
  std::deque<Event> _queue;
  bool _stop = false;
  uint64_t _flushWanted = 0;
  uint64_t _flushDone = 0;
  uint64_t _dropsReported = 0;
  ExporterStats _stats;
  std::thread _thread;
};

}  // namespace mfx::otel
