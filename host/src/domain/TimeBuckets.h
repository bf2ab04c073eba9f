// Where the dashboard's time buckets start: the last hours and the last days
// up to now, days as a zone's calendar days (23 or 25 hours long across a
// DST change). No I/O.
#pragma once

#include "common/Clock.h"

#include <vector>

namespace date {
class time_zone;
}

namespace MultiFlexi {

/// `count` + 1 ascending boundaries: the start of each of the last `count`
/// hours of `zone` (the current hour last), then the end of the current hour.
/// Hours start where the zone's clock shows minute 0 (a +05:30 zone's hours
/// start at :30 UTC).
std::vector<Instant> hourBoundaries(Instant now, const date::time_zone& zone, int count);

/// `count` + 1 ascending boundaries: the local midnight starting each of the
/// last `count` days of `zone` (today last), then tomorrow's midnight. A
/// midnight that does not exist (a DST gap at 00:00) is the first instant
/// after the gap.
std::vector<Instant> dayBoundaries(Instant now, const date::time_zone& zone, int count);

}  // namespace MultiFlexi
