#include "catalog/Dashboard.h"

#include "catalog/Catalog.h"
#include "common/Exceptions.h"
#include "domain/CronExpression.h"
#include "domain/NextFire.h"
#include "domain/RunTemplate.h"
#include "domain/TimeBuckets.h"

#include <Poco/Logger.h>

#include <algorithm>

namespace MultiFlexi {

namespace {

std::vector<TimeBucket> bucketsOf(const std::vector<Instant>& boundaries, const std::vector<EndedCounts>& counts) {
  std::vector<TimeBucket> out;
  for (std::size_t i = 0; i + 1 < boundaries.size(); ++i)
    out.push_back(TimeBucket{boundaries[i], i < counts.size() ? counts[i] : EndedCounts{}});
  return out;
}

/// When a template without a stored slot runs next, as the scheduler plans it.
std::optional<Instant> plannedNext(const ScheduledTemplateRow& t, Instant now, const std::string& serverZone) {
  try {
    const std::string expression = t.interval == 'c' ? t.cron.value_or("") : Interval::cronOf(t.interval);
    const CronExpression cron = CronExpression::parse(expression);
    const std::string zone = t.timeZone.value_or(t.companyZone.value_or(serverZone));
    return nextFire(cron, zoneNamed("time zone", zone), now);
  } catch (const MultiFlexiException& e) {  // the scheduler logs it as not scheduled
    Poco::Logger::get("multiflexi.api").debug("run template %?d has no next run: %s", t.id, e.message());
    return std::nullopt;
  }
}

}  // namespace

Dashboard dashboardOf(Catalog& catalog, const CompanyScope& companies, Instant now, const std::string& zone) {
  const date::time_zone& serverZone = zoneNamed("zone", zone);
  DashboardQueries q(catalog.database());
  Dashboard d;
  d.generatedAt = now;
  d.zone = zone;
  const std::vector<Instant> hours = hourBoundaries(now, serverZone, 24);
  d.hours = bucketsOf(hours, q.endedPerBucket(hours, companies));
  const std::vector<Instant> days = dayBoundaries(now, serverZone, 7);
  d.days = bucketsOf(days, q.endedPerBucket(days, companies));
  d.pending = q.pendingCount(companies);
  d.running = q.running(companies, kDashboardRunning);

  for (const ScheduledTemplateRow& t : q.scheduledTemplates(companies, kDashboardNextRuns)) {
    const std::optional<Instant> slot = t.nextSchedule ? t.nextSchedule : plannedNext(t, now, zone);
    if (slot)
      d.nextRuns.push_back(NextRun{t.id, t.name, t.companyId, t.companyName, *slot + 1000 * Instant(t.delaySeconds)});
  }
  std::stable_sort(d.nextRuns.begin(), d.nextRuns.end(), [](const NextRun& a, const NextRun& b) {
    return a.next != b.next ? a.next < b.next : a.runtemplateId < b.runtemplateId;
  });
  if (d.nextRuns.size() > static_cast<std::size_t>(kDashboardNextRuns)) d.nextRuns.resize(kDashboardNextRuns);

  for (DashboardJob& f : q.failures(companies, kDashboardFailures)) {
    std::string head = q.stderrHead(f.id, kStderrHeadLines, kStderrHeadBytes);
    d.failures.push_back(FailedJob{std::move(f), std::move(head)});
  }
  d.companies = q.companyActivity(companies, now - 24 * 3'600'000);
  return d;
}

}  // namespace MultiFlexi
