#include "monitor/MetricsAggregate.h"

#include "store/MetricsQueries.h"

#include <Poco/Logger.h>

namespace MultiFlexi {

namespace {

/// Rows read per query while folding.
constexpr int64_t kBatch = 5000;

}  // namespace

const std::vector<double>& runDurationBuckets() {
  static const std::vector<double> b{1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600};
  return b;
}

const std::vector<double>& launchLatencyBuckets() {
  static const std::vector<double> b{0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600};
  return b;
}

void MetricsAggregate::fold(const EndedJobRow& job) {
  ++_counts.folded;
  if (job.state == "lost") ++_counts.lost;
  if (job.begin) _counts.launchLatency.observe(static_cast<double>(*job.begin - job.scheduledFor) / 1000.0);
  if (job.id > _maxId) _maxId = job.id;
  if (!job.runtemplateId) return;
  TemplateRuns& t = _counts.templates[*job.runtemplateId];
  ++t.byState[job.state];
  if (job.begin) t.duration.observe(static_cast<double>(job.end - *job.begin) / 1000.0);
  if (!t.last || job.end > t.last->end || (job.end == t.last->end && job.id > t.last->jobId))
    t.last = LastRun{job.id, job.begin, job.end, job.state};
}

void MetricsAggregate::foldAll(Database& database) {
  MetricsQueries q(database);
  for (;;) {
    const std::vector<EndedJobRow> rows = q.endedAfter(_lastEnd, _lastId, kBatch);
    for (const EndedJobRow& row : rows) {
      fold(row);
      _lastEnd = row.end;
      _lastId = row.id;
    }
    if (static_cast<int64_t>(rows.size()) < kBatch) break;
  }
}

MetricsCounts MetricsAggregate::refresh(Database& database) {
  std::lock_guard<std::mutex> lock(_mutex);
  MetricsQueries q(database);
  // Ended "in the past" after later jobs were folded, but created after them.
  for (;;) {
    const std::vector<EndedJobRow> late = q.endedBeforeAbove(_lastEnd, _maxId, kBatch);
    for (const EndedJobRow& row : late) fold(row);
    if (static_cast<int64_t>(late.size()) < kBatch) break;
  }
  foldAll(database);
  // Every job folded lies at or before the last one folded; one that ends
  // after this refresh's reads lies after it and is not counted here.
  const int64_t ended = q.endedUpTo(_lastEnd, _lastId);
  if (ended != static_cast<int64_t>(_counts.folded)) {
    // A job older than the ones folded was recorded late: count everything again.
    Poco::Logger::get("multiflexi.metrics")
        .warning("metrics: %?d jobs ended up to the last one counted, but %?d were counted; counting them all again", ended,
                 static_cast<int64_t>(_counts.folded));
    const uint64_t rebuilds = _counts.rebuilds + 1;
    _counts = MetricsCounts{};
    _counts.rebuilds = rebuilds;
    _lastEnd = 0;
    _lastId = 0;
    _maxId = 0;
    foldAll(database);
  }
  return _counts;
}

}  // namespace MultiFlexi
