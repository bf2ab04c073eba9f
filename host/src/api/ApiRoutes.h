// Every operation of the REST API, in one table the server serves, the
// index lists and the tests walk. Each group of routes lives in its own
// source (api/ServiceRoutes.cpp: ping and index; later apps, jobs, ...).
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

/// The whole table.
std::vector<ApiRoute> apiRoutes();

/// GET /ping (public), GET /index (public: every route of `all`, its method,
/// path and summary).
std::vector<ApiRoute> serviceRoutes(const std::vector<ApiRoute>& all);

}  // namespace MultiFlexi
