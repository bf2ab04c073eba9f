#include "domain/NextFire.h"

#include "common/Exceptions.h"
#include "domain/Rules.h"

#include <date/tz.h>

namespace MultiFlexi {

using namespace std::chrono;

std::optional<Instant> nextFire(const CronExpression& cron, const date::time_zone& zone, Instant after) {
  const date::sys_time<milliseconds> afterTime{milliseconds(after)};
  date::local_time<minutes> local = floor<minutes>(zone.to_local(afterTime)) + minutes(1);
  // One Gregorian cycle, and the rest of the first day: nothing found is never.
  constexpr date::days kGregorianCycle{146097};
  const date::local_time<minutes> limit = local + kGregorianCycle + date::days(1);
  while (local < limit) {
    const date::local_days day = floor<date::days>(local);
    const date::year_month_day ymd{day};
    if (!cron.month(static_cast<int>(static_cast<unsigned>(ymd.month())))) {
      const date::year_month nextMonth = date::year_month{ymd.year(), ymd.month()} + date::months(1);
      local = date::local_days{nextMonth / 1};
      continue;
    }
    if (!cron.day(static_cast<int>(static_cast<unsigned>(ymd.day())),
                  static_cast<int>(date::weekday{day}.c_encoding()))) {
      local = day + date::days(1);
      continue;
    }
    const date::hh_mm_ss<minutes> time{local - day};
    const int hour = static_cast<int>(time.hours().count());
    if (!cron.hour(hour)) {
      local = day + hours(hour + 1);
      continue;
    }
    if (!cron.minute(static_cast<int>(time.minutes().count()))) {
      local += minutes(1);
      continue;
    }
    const date::local_info info = zone.get_info(local);
    std::optional<Instant> candidate;
    switch (info.result) {
      case date::local_info::unique:
      case date::local_info::ambiguous:  // the first occurrence; the repeat never fires
        candidate = duration_cast<milliseconds>(local.time_since_epoch() - info.first.offset).count();
        break;
      case date::local_info::nonexistent:  // fires once, when the gap ends
        candidate = duration_cast<milliseconds>(info.second.begin.time_since_epoch()).count();
        break;
    }
    if (candidate && *candidate > after) return candidate;
    local += minutes(1);
  }
  return std::nullopt;
}

const date::time_zone& zoneNamed(const std::string& field, const std::string& name) {
  Rules::requireTimeZone(field, name);
  return *date::locate_zone(name);
}

std::vector<Instant> nextFires(const CronExpression& cron, const date::time_zone& zone, Instant after, int64_t count) {
  std::vector<Instant> out;
  for (int64_t i = 0; i < count; ++i) {
    const std::optional<Instant> next = nextFire(cron, zone, after);
    if (!next) break;
    out.push_back(*next);
    after = *next;
  }
  return out;
}

}  // namespace MultiFlexi
