// The reads behind GET /metrics: ended jobs in the order the metrics fold
// them ((end_at, id) ascending, over the job_end index), how many jobs have
// ended in all, the active run templates with their names and scheduler
// state, and the host's queue and running jobs. Templates are limited to the
// given companies inside the query (all when nullopt; none for an empty list).
//
// Threads: any; each call reads on its own session. Throws StoreException.
#pragma once

#include "common/Clock.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

/// An ended job, as much of it as the metrics count.
struct EndedJobRow {
  int64_t id = 0;
  std::optional<int64_t> runtemplateId;  ///< none for a job without a template
  std::string state;                     ///< "success", "failed", "cancelled", "lost"
  Instant scheduledFor = 0;
  std::optional<Instant> begin;  ///< none when it never started (cancelled pending, launch refused)
  Instant end = 0;
};

/// An active run template and what the metrics label it with.
struct TemplateMetricsRow {
  int64_t id = 0;
  std::string name;
  int64_t companyId = 0;
  std::string companySlug;
  std::string application;  ///< the application's name
  std::optional<Instant> nextSchedule;  ///< the scheduler's next slot; none before its first tick or for "n"
  int delaySeconds = 0;
  int64_t missedSlots = 0;  ///< slots its misfire policy skipped (migration 13)
};

using MetricsCompanyScope = std::optional<std::vector<int64_t>>;

class MetricsQueries {
 public:
  explicit MetricsQueries(Database& database) : _db(database) {}

  /// Ended jobs after (`endAt`, `id`) in (end_at, id) order, at most `limit`.
  std::vector<EndedJobRow> endedAfter(Instant endAt, int64_t id, int64_t limit);
  /// Ended jobs with end_at before `endAt` and an id above `id`, by id, at
  /// most `limit` (read on the id range, never the whole job_end index): jobs that ended "in the past" after later
  /// ones were folded (a clock moved back, an executor's slow clock).
  std::vector<EndedJobRow> endedBeforeAbove(Instant endAt, int64_t id, int64_t limit);
  /// Ended jobs at or before (`endAt`, `id`) in (end_at, id) order, counted
  /// on the job_end index.
  int64_t endedUpTo(Instant endAt, int64_t id);
  /// Active run templates in scope, by id, at most `limit`.
  std::vector<TemplateMetricsRow> activeTemplates(const MetricsCompanyScope& companies, int64_t limit);
  int64_t activeTemplateCount(const MetricsCompanyScope& companies);
  /// Pending jobs due at `now`.
  int64_t pendingDue(Instant now);
  int64_t runningCount();

 private:
  std::vector<EndedJobRow> ended(const std::string& condition, const std::string& order, const Sql::Bindings& bindings);
  Database& _db;
};

}  // namespace MultiFlexi
