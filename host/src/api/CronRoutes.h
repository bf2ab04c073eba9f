// GET /cron/next?expression=&timezone=&count=: when a cron expression fires
// next, by the rules of cron:next (MultiFlexi's five fields, DST gaps fire
// once at the transition, repeated local times once), at most 100 times
// (default 5). Any authenticated caller.
#pragma once

#include "api/ApiRoute.h"

#include <string>
#include <vector>

namespace MultiFlexi {

constexpr int64_t kMaxCronFires = 100;

/// `defaultZone`: the zone when the request names none (the server's).
std::vector<ApiRoute> cronRoutes(std::string defaultZone = "UTC");

}  // namespace MultiFlexi
