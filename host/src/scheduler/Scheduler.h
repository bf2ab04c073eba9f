// The scheduler: turns run templates into jobs, one per slot, under each
// template's misfire policy, in the template's time zone.
#pragma once

#include "common/Clock.h"
#include "domain/SlotPlanner.h"
#include "store/Database.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

struct SchedulerSettings {
  std::chrono::milliseconds grace{60'000};  ///< see SlotRules
  std::size_t maxCatchUp = 100;
  std::string defaultZone = "UTC";  ///< for templates and companies without one
  /// Jobs are created this long before their slot (due at the slot), so
  /// that at the slot only the executor stands between it and the start.
  std::chrono::milliseconds lead{0};
  /// How long a tick waits for another connection's lock; nothing: the
  /// store's default. A daemon bounds it so that it stops on time.
  std::optional<std::chrono::milliseconds> lockWait;
};

struct TickReport {
  std::vector<int64_t> created;     ///< ids of the jobs created
  std::optional<Instant> nextSlot;  ///< the earliest slot still to come
};

class Scheduler {
 public:
  Scheduler(Database& database, SchedulerSettings settings);

  /// Creates the jobs of every slot due by `now` + lead (the time is passed in, so
  /// tests can move it) and books each template's next slot, all in one
  /// transaction. Two schedulers on one database create each job once. A
  /// template whose schedule cannot be evaluated is logged and skipped.
  TickReport tick(Instant now);
  /// How long before its slot a job is created (SchedulerSettings::lead).
  std::chrono::milliseconds lead() const { return _settings.lead; }

 private:
  Database& _db;
  const SchedulerSettings _settings;
};

}  // namespace MultiFlexi
