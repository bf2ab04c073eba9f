// The job-based counts of GET /metrics, kept cheap at scrape time: ended
// jobs are folded once, in (end_at, id) order, and each refresh folds only
// those that ended since (store/MetricsQueries, over the job_end index).
// Everything comes from the store, so any process serving HTTP reports the
// same counts whatever daemons ran the jobs; a fresh process folds the whole
// history on its first scrape.
//
// A job recorded with an end before the last one folded (an executor whose
// clock is behind, a clock moved back) is caught two ways: by its id above
// every id folded (folded incrementally), else by the count of ended jobs
// up to the last one folded not matching the count folded — then everything is folded again from the
// start, logged and counted (rebuilds()). Counters only grow as long as
// ended jobs are not deleted.
//
// Threads: refresh() and snapshot() may be called from several threads (one
// mutex); a refresh holds it while it reads the store.
#pragma once

#include "common/Clock.h"
#include "monitor/PrometheusText.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

class Database;
struct EndedJobRow;

/// Duration buckets of a run (seconds): from a quick probe to a long import.
const std::vector<double>& runDurationBuckets();
/// Launch latency buckets (seconds from the job's due time to its start).
const std::vector<double>& launchLatencyBuckets();

/// The latest run of a template (by its end).
struct LastRun {
  int64_t jobId = 0;
  std::optional<Instant> begin;
  Instant end = 0;
  std::string state;
};

/// What one template's ended jobs add up to.
struct TemplateRuns {
  std::map<std::string, uint64_t> byState;  ///< "success", "failed", "cancelled", "lost"
  Histogram duration{runDurationBuckets()};  ///< of runs that started
  std::optional<LastRun> last;
};

struct MetricsCounts {
  std::map<int64_t, TemplateRuns> templates;  ///< by template id
  Histogram launchLatency{launchLatencyBuckets()};  ///< of every job that started
  uint64_t lost = 0;     ///< jobs ended lost
  uint64_t folded = 0;   ///< ended jobs counted
  uint64_t rebuilds = 0; ///< times everything was folded again
};

class MetricsAggregate {
 public:
  /// Folds what ended since the last call and returns the counts.
  MetricsCounts refresh(Database& database);

 private:
  void fold(const EndedJobRow& job);
  void foldAll(Database& database);

  std::mutex _mutex;
  MetricsCounts _counts;
  Instant _lastEnd = 0;  ///< the (end_at, id) folded last
  int64_t _lastId = 0;
  int64_t _maxId = 0;    ///< the highest id folded
};

}  // namespace MultiFlexi
