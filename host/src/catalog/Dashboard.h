// The dashboard use case: what a caller's companies did in the last 24 hours
// and 7 days (jobs by end time and outcome), what waits and runs, what runs
// next, the latest failures with the start of their stderr, and per company
// its templates and recent results. Everything is limited to the given
// companies inside the store's queries (store/DashboardQueries).
//
// Threads: any. Throws StoreException; ValidationException for a zone name
// that is not known.
#pragma once

#include "common/Clock.h"
#include "store/DashboardQueries.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

class Catalog;

struct TimeBucket {
  Instant start = 0;
  EndedCounts ended;
};

struct FailedJob {
  DashboardJob job;
  std::string stderrHead;
};

struct NextRun {
  int64_t runtemplateId = 0;
  std::string name;
  int64_t companyId = 0;
  std::string companyName;
  Instant next = 0;  ///< the next slot plus the template's delay
};

struct Dashboard {
  Instant generatedAt = 0;
  std::string zone;
  std::vector<TimeBucket> hours;  ///< 24, oldest first, the current hour last
  std::vector<TimeBucket> days;   ///< 7 days of `zone`, today last
  int64_t pending = 0;
  std::vector<DashboardJob> running;  ///< at most kDashboardRunning, the longest running first
  std::vector<NextRun> nextRuns;       ///< at most kDashboardNextRuns, soonest first
  std::vector<FailedJob> failures;     ///< at most kDashboardFailures, the latest first
  std::vector<CompanyActivityRow> companies;  ///< by name; success and failed over the last 24 hours
};

constexpr int64_t kDashboardRunning = 50;
constexpr int64_t kDashboardNextRuns = 10;
constexpr int64_t kDashboardFailures = 10;
/// How much of a failure's stderr the dashboard shows.
constexpr std::size_t kStderrHeadLines = 5;
constexpr std::size_t kStderrHeadBytes = 500;

/// The dashboard at `now` for companies `companies` (all when nullopt), days
/// in time zone `zone` (the server's). A template without a stored next slot
/// (the scheduler has not planned it yet) gets one computed as the
/// scheduler would: its cron in its zone, else its company's, else `zone`.
Dashboard dashboardOf(Catalog& catalog, const CompanyScope& companies, Instant now, const std::string& zone);

}  // namespace MultiFlexi
