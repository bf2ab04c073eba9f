#include "scheduler/Scheduler.h"

#include "common/Exceptions.h"
#include "domain/NextFire.h"
#include "store/CompanyRepository.h"
#include "store/JobRepository.h"
#include "store/RunTemplateRepository.h"
#include "store/Transaction.h"

#include <Poco/Logger.h>

#include <map>

namespace MultiFlexi {

namespace {

Poco::Logger& logger() { return Poco::Logger::get("multiflexi.scheduler"); }

/// A template's due slots and its next one.
struct TemplatePlan {
  RunTemplate runTemplate;
  SlotPlan plan;
};

}  // namespace

Scheduler::Scheduler(Database& database, SchedulerSettings settings) : _db(database), _settings(std::move(settings)) {}

TickReport Scheduler::tick(Instant now) {
  TickReport report;
  CompanyRepository companies(_db);
  std::map<int64_t, std::optional<std::string>> companyZones;
  std::vector<TemplatePlan> plans;
  for (RunTemplate& t : RunTemplateRepository(_db).listScheduled()) {
    try {
      const std::string expression = t.interval == 'c' ? t.cron.value_or("") : Interval::cronOf(t.interval);
      const CronExpression cron = CronExpression::parse(expression);
      if (!companyZones.count(t.companyId)) {
        auto company = companies.findById(t.companyId);
        companyZones[t.companyId] = company ? company->timeZone : std::nullopt;
      }
      const std::string zoneName = t.timeZone.value_or(companyZones[t.companyId].value_or(_settings.defaultZone));
      const SlotRules rules{t.misfire, _settings.grace, _settings.maxCatchUp};
      SlotPlan plan =
          planSlots(cron, zoneNamed("time zone", zoneName), t.nextSchedule, now + _settings.lead.count(), rules);
      if (plan.nextPending && (!report.nextSlot || *plan.nextPending < *report.nextSlot))
        report.nextSlot = plan.nextPending;
      if (plan.run.empty() && plan.nextPending == t.nextSchedule) continue;
      plans.push_back(TemplatePlan{std::move(t), std::move(plan)});
    } catch (const MultiFlexiException& e) {
      logger().error("run template %?d (%s) is not scheduled: %s", t.id, t.name, e.message());
    }
  }
  JobRepository jobs(_db);
  RunTemplateRepository templates(_db);
  if (!plans.empty())
    inTransaction(_db, [&](Poco::Data::Session& s) {
      for (const TemplatePlan& p : plans) {
        // Before next_schedule moves: counted once, by the scheduler that moves it.
        if (p.plan.missed > 0 && p.runTemplate.nextSchedule)
          templates.addMissedSlots(s, p.runTemplate.id, static_cast<int64_t>(p.plan.missed), *p.runTemplate.nextSchedule);
        if (p.plan.run.empty()) {
          templates.setNextSchedule(s, p.runTemplate.id, p.plan.nextPending);
          continue;
        }
        std::vector<Job> due;
        for (Instant slot : p.plan.run) due.push_back(slotJob(p.runTemplate, slot));
        const auto created = jobs.createForSlots(s, p.runTemplate.id, due, p.plan.nextPending);
        report.created.insert(report.created.end(), created.begin(), created.end());
      }
    }, _settings.lockWait);
  return report;
}

}  // namespace MultiFlexi
