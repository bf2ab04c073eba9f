#include "domain/TimeBuckets.h"

#include <date/tz.h>

namespace MultiFlexi {

namespace {

using Ms = std::chrono::milliseconds;

date::sys_time<Ms> sysOf(Instant at) { return date::sys_time<Ms>(Ms(at)); }

/// The instant a local time denotes; a time in a gap is the gap's end, one
/// that exists twice its first occurrence.
Instant instantOfLocal(const date::time_zone& zone, date::local_time<Ms> local) {
  const date::local_info info = zone.get_info(local);
  if (info.result == date::local_info::nonexistent) return info.second.begin.time_since_epoch().count() * 1000;
  return std::chrono::duration_cast<Ms>(zone.to_sys(local, date::choose::earliest).time_since_epoch()).count();
}

}  // namespace

std::vector<Instant> hourBoundaries(Instant now, const date::time_zone& zone, int count) {
  // By the offset in force now: an hour repeated when clocks fall back is two buckets.
  const Instant offset = std::chrono::duration_cast<Ms>(zone.get_info(sysOf(now)).offset).count();
  Instant intoHour = (now + offset) % 3'600'000;
  if (intoHour < 0) intoHour += 3'600'000;
  const Instant current = now - intoHour;
  std::vector<Instant> out;
  for (int i = count - 1; i >= 0; --i) out.push_back(current - Instant(i) * 3'600'000);
  out.push_back(current + 3'600'000);
  return out;
}

std::vector<Instant> dayBoundaries(Instant now, const date::time_zone& zone, int count) {
  const auto today = date::floor<date::days>(zone.to_local(sysOf(now)));
  std::vector<Instant> out;
  for (int i = count - 1; i >= -1; --i)
    out.push_back(instantOfLocal(zone, date::local_time<Ms>(today - date::days(i))));
  return out;
}

}  // namespace MultiFlexi
