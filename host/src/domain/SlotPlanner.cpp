#include "domain/SlotPlanner.h"

#include "domain/NextFire.h"

#include <deque>

namespace MultiFlexi {

SlotPlan planSlots(const CronExpression& cron, const date::time_zone& zone, std::optional<Instant> pendingFrom,
                   Instant now, const SlotRules& rules) {
  const Instant graceStart = now - rules.grace.count();
  std::optional<Instant> slot = pendingFrom ? pendingFrom : nextFire(cron, zone, graceStart - 1);
  // Keep only what a policy can use: the most recent maxCatchUp slots.
  std::deque<Instant> due;
  std::size_t dueCount = 0;  // all of them, also those the deque let go
  while (slot && *slot <= now) {
    ++dueCount;
    due.push_back(*slot);
    if (due.size() > std::max<std::size_t>(rules.maxCatchUp, 1)) due.pop_front();
    slot = nextFire(cron, zone, *slot);
  }
  SlotPlan plan;
  plan.nextPending = slot;
  if (due.empty()) return plan;
  // A template not scheduled before has missed nothing: at most one slot.
  switch (pendingFrom ? rules.misfire : MisfirePolicy::Latest) {
    case MisfirePolicy::Latest:
      plan.run.push_back(due.back());
      break;
    case MisfirePolicy::Skip:
      for (Instant s : due)
        if (s >= graceStart) plan.run.push_back(s);
      break;
    case MisfirePolicy::All:
      plan.run.assign(due.begin(), due.end());
      break;
  }
  if (pendingFrom) plan.missed = dueCount - plan.run.size();
  return plan;
}

}  // namespace MultiFlexi
