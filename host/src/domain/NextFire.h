// When a cron expression fires next, in a time zone, by the DST rules of
// ARCHITECTURE.md.
#pragma once

#include "common/Clock.h"
#include "domain/CronExpression.h"

#include <optional>
#include <vector>

namespace date {
class time_zone;
}

namespace MultiFlexi {

/// The first instant strictly after `after` at which `cron` fires, its fields
/// read as local time in `zone`.
///  - A local time that does not exist (clocks jump forward) fires once, at
///    the first valid instant after the gap (the transition).
///  - A local time that exists twice (clocks fall back) fires once, at its
///    first occurrence.
/// Returns nothing when the expression never fires (e.g. "0 0 30 2 *"): it
/// looks one Gregorian cycle ahead (400 years, 146097 days, a whole number
/// of weeks, after which months, days and weekdays repeat), so a date that
/// exists at all is found ("0 0 29 2 *" after 2096-03-01: 2104, as 2100 is
/// not a leap year).
std::optional<Instant> nextFire(const CronExpression& cron, const date::time_zone& zone, Instant after);

/// Up to `count` fire times after `after`, each after the previous one;
/// fewer when the expression stops firing (none when it never fires).
std::vector<Instant> nextFires(const CronExpression& cron, const date::time_zone& zone, Instant after, int64_t count);

/// The time zone named `name`, or ValidationException naming `field`.
const date::time_zone& zoneNamed(const std::string& field, const std::string& name);

}  // namespace MultiFlexi
