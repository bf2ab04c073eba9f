// The REST API's status: GET /status (public: the database driver's name
// only, never a path or DSN, the daemon's state and the time; with a caller
// also MultiFlexi's Status counts of what the caller sees) and GET
// /jobs/status (JobsStatus of the caller's companies, as a one-item array
// as the document says).
#pragma once

#include "api/ApiRoute.h"

#include <functional>
#include <string>
#include <vector>

namespace MultiFlexi {

/// `daemonState` answers the daemon's state ("running", "stopped"); the
/// routes say "unknown" without one. It is called on worker threads.
std::vector<ApiRoute> statusRoutes(std::function<std::string()> daemonState = {});

}  // namespace MultiFlexi
