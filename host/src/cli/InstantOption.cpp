#include "cli/InstantOption.h"

#include "common/Exceptions.h"

#include <date/tz.h>

namespace MultiFlexi {

Instant parseInstantOption(const std::string& option, const std::string& text, const date::time_zone& zone) {
  using namespace std::chrono;
  if (text == "now") return nowMs();
  std::optional<int> offset;
  const std::optional<LocalDateTime> t = parseDateTime(text, offset);
  if (!t)
    throw UsageException(option + ": expected now, 2026-03-29T01:30:00Z, an offset (+01:00), or a local "
                                  "2026-03-29T01:30, got '" + text + "'");
  if (offset) return instantOf(*t, *offset);
  const Instant asUtc = instantOf(*t, 0);  // the wall time, counted as if it were UTC
  const date::local_time<milliseconds> local{milliseconds(asUtc)};
  return zone.to_sys(local, date::choose::earliest).time_since_epoch().count();
}

}  // namespace MultiFlexi
