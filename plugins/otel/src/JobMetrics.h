// MultiFlexi's metrics (core Telemetry/OtelMetricsExporter.php) aggregated
// from job events: counters multiflexi.jobs.total (at start), .success,
// .failed, the histogram multiflexi.job.duration (seconds) and gauges from
// HEARTBEAT. Delta temporality like MultiFlexi: collect() returns what
// happened since the previous collect() and starts a new interval.
// THREADS: not thread-safe; used by the exporter thread only.
#pragma once

#include "OtelTypes.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mfx::otel {

/// Explicit histogram bounds of multiflexi.job.duration, in seconds.
inline constexpr std::array<double, 14> kDurationBounds = {1,   5,    10,   30,   60,   120,   300,
                                                            600, 1200, 1800, 3600, 7200, 14400, 86400};

struct CounterPoint {
  Attributes attributes;
  int64_t value = 0;
};
struct HistogramPoint {
  Attributes attributes;
  uint64_t count = 0;
  double sum = 0;
  double min = 0;
  double max = 0;
  std::vector<uint64_t> bucketCounts;  ///< kDurationBounds.size() + 1
};
struct GaugePoint {
  std::string name;
  int64_t value = 0;
};

/// What one collect() returns.
struct MetricsBatch {
  int64_t startNs = 0;  ///< start of the delta interval
  int64_t timeNs = 0;   ///< its end
  std::vector<CounterPoint> total, success, failed;
  std::vector<HistogramPoint> duration;
  std::vector<GaugePoint> gauges;  ///< last heartbeat's values
  int64_t gaugeTimeNs = 0;
  bool empty() const {
    return total.empty() && success.empty() && failed.empty() && duration.empty() && gauges.empty();
  }
};

class JobMetrics {
 public:
  explicit JobMetrics(int64_t startNs) : _intervalStartNs(startNs) {}

  /// Counts the event. STARTED: jobs.total. FINISHED: success (outcome
  /// success) or failed, and the duration. FAILED_TO_START and LOST:
  /// failed. CANCELLED: neither. HEARTBEAT: the gauges.
  void onEvent(const Event& ev, const nlohmann::json& attributes);
  /// The interval's points; resets the counters and histograms. Gauges are
  /// reported once per heartbeat.
  MetricsBatch collect(int64_t nowNs);

 private:
  using Key = std::string;  // the attribute set, serialized
  struct Histogram {
    uint64_t count = 0;
    double sum = 0, min = 0, max = 0;
    std::vector<uint64_t> buckets = std::vector<uint64_t>(kDurationBounds.size() + 1, 0);
  };

  static Attributes attributeSet(const Event& ev, const nlohmann::json& a, bool withExitCode);
  static void add(std::map<Key, CounterPoint>& into, const Attributes& attrs);

  int64_t _intervalStartNs;
  std::map<Key, CounterPoint> _total, _success, _failed;
  std::map<Key, std::pair<Attributes, Histogram>> _duration;
  std::vector<GaugePoint> _gauges;
  int64_t _gaugeTimeNs = 0;
};

}  // namespace mfx::otel
