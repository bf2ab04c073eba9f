// The REST API's status: GET /status (public: the database driver's name
// only, never a path or DSN, the daemon's state and the time; to a caller who
// sends credentials also MultiFlexi's Status counts of companies, apps, run
// templates, credentials and credential types, over the companies it sees,
// all of them for an admin; no topics or event sources, which we lack) and GET
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
