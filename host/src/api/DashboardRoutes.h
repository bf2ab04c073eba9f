// GET /dashboard: the console's overview for the caller's companies (any
// role; the admin sees all), in one document:
//   {"generated_at","zone","hours":[24 buckets],"days":[7 buckets],"pending",
//    "running":[...],"next_runs":[...],"failures":[...],"companies":[...]}
// A bucket is {"start","success","failed","cancelled","lost"}: jobs counted
// by their end. Shapes and bounds: catalog/Dashboard.h and the console
// contract (issue 22, section 3). Query parameters are ignored.
#pragma once

#include "api/ApiRoute.h"
#include "common/Clock.h"

#include <functional>
#include <string>
#include <vector>

namespace MultiFlexi {

struct Dashboard;

/// `serverZone`: the zone days are counted in (the server's); `clock`: now
/// (tests pass a fixed instant).
std::vector<ApiRoute> dashboardRoutes(std::string serverZone = "UTC", std::function<Instant()> clock = nowMs);

/// The document of a dashboard.
OrderedJson dashboardJson(const Dashboard& dashboard);

}  // namespace MultiFlexi
