// The dashboard's reads: jobs ended per time bucket, the queue, what runs,
// the latest failures and the head of their stderr, the templates' next
// runs, and per company what it holds and did. Every aggregate is counted in
// SQL, limited to the given companies (all when nullopt; none for an empty
// list) inside the query.
//
// Threads: any; each call reads on its own session. Throws StoreException.
#pragma once

#include "common/Clock.h"
#include "store/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

/// Jobs that ended, by how.
struct EndedCounts {
  int64_t success = 0;
  int64_t failed = 0;
  int64_t cancelled = 0;
  int64_t lost = 0;
};

/// A job with the names a listing shows.
struct DashboardJob {
  int64_t id = 0;
  std::optional<int64_t> runtemplateId;
  std::string runtemplateName;  ///< empty for a job whose template is gone
  int64_t companyId = 0;
  std::string companyName;
  int64_t appId = 0;
  std::string appName;
  std::string executor;
  std::string state;  ///< "running", "failed", "lost" ...
  std::optional<int64_t> exitCode;
  std::optional<Instant> begin;  ///< none while claimed but not started
  std::optional<Instant> end;
};

/// An active scheduled template and what the scheduler stored for it.
struct ScheduledTemplateRow {
  int64_t id = 0;
  std::string name;
  int64_t companyId = 0;
  std::string companyName;
  std::optional<std::string> companyZone;
  char interval = 'n';
  std::optional<std::string> cron;
  std::optional<std::string> timeZone;
  int delaySeconds = 0;
  std::optional<Instant> nextSchedule;  ///< the first slot not yet handled; none before the first tick
};

/// What one company holds and did.
struct CompanyActivityRow {
  int64_t id = 0;
  std::string name;
  std::string slug;
  int64_t templates = 0;
  int64_t activeTemplates = 0;
  int64_t running = 0;
  int64_t success = 0;  ///< ended since the instant asked for
  int64_t failed = 0;   ///< failed or lost since then
};

using CompanyScope = std::optional<std::vector<int64_t>>;

class DashboardQueries {
 public:
  explicit DashboardQueries(Database& database) : _db(database) {}

  /// Jobs whose end lies in [boundaries[i], boundaries[i+1]), one entry per
  /// bucket (boundaries ascending, at least two).
  std::vector<EndedCounts> endedPerBucket(const std::vector<Instant>& boundaries, const CompanyScope& companies);
  int64_t pendingCount(const CompanyScope& companies);
  /// Running jobs, the longest running first.
  std::vector<DashboardJob> running(const CompanyScope& companies, int64_t limit);
  /// Failed and lost jobs, the latest ended first.
  std::vector<DashboardJob> failures(const CompanyScope& companies, int64_t limit);
  /// The start of a job's stderr: its first stderr chunks, at most `maxLines`
  /// lines (without the newline ending the last) and `maxBytes` bytes, cut at
  /// a UTF-8 character boundary.
  std::string stderrHead(int64_t jobId, std::size_t maxLines, std::size_t maxBytes);
  /// Active scheduled templates (interval not "n"): the `limit` soonest by
  /// their stored next slot plus delay, and every one without a stored slot.
  std::vector<ScheduledTemplateRow> scheduledTemplates(const CompanyScope& companies, int64_t limit);
  /// Every company in scope, by name; jobs ended at or after `since` counted.
  std::vector<CompanyActivityRow> companyActivity(const CompanyScope& companies, Instant since);

 private:
  std::vector<DashboardJob> jobs(const std::string& condition, const CompanyScope& companies, const std::string& order,
                                 int64_t limit);
  Database& _db;
};

}  // namespace MultiFlexi
