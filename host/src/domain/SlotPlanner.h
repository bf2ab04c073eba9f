// Which slots of a run template are due now, after any downtime, under the
// template's misfire policy; and which slot comes next.
#pragma once

#include "common/Clock.h"
#include "domain/CronExpression.h"
#include "domain/RunTemplate.h"

#include <chrono>
#include <optional>
#include <vector>

namespace date {
class time_zone;
}

namespace MultiFlexi {

struct SlotPlan {
  std::vector<Instant> run;  ///< slots to create jobs for, oldest first
  std::optional<Instant> nextPending;  ///< the first slot after now (next_schedule); none: never fires again
  /// Due slots the misfire policy did not run (counted on the template as
  /// missed slots); always 0 for a template not scheduled before.
  std::size_t missed = 0;
};

struct SlotRules {
  MisfirePolicy misfire = MisfirePolicy::Latest;
  /// A slot at most this old is on time, not missed (the scheduler's own
  /// wake-up latency); skip and latest treat older slots as missed.
  std::chrono::milliseconds grace{60'000};
  /// "all" runs at most this many missed slots (the most recent ones).
  std::size_t maxCatchUp = 100;
};

/// `pendingFrom` is the template's first unhandled slot (its next_schedule);
/// nothing for a template not scheduled before, whose first slot is the
/// first one after now - grace, and which runs at most that one slot (it
/// missed nothing). Every slot from pendingFrom up to `now` is due; the
/// policy picks which of them run:
///  - latest: only the most recent (MultiFlexi's behaviour after downtime);
///  - skip:   only those within grace (on time), none of the missed ones;
///  - all:    every one, but at most maxCatchUp (the most recent).
SlotPlan planSlots(const CronExpression& cron, const date::time_zone& zone, std::optional<Instant> pendingFrom,
                   Instant now, const SlotRules& rules);

}  // namespace MultiFlexi
