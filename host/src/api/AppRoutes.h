// The REST API's application operations: GET /apps (an object keyed by
// id), GET /app/{appId} and POST /app/ (a manifest imported as
// application:import-json does; violations of MultiFlexi's schema are
// ValidationExceptions with the JSON path as the field). Applications are
// global: any authenticated caller reads them; only the admin imports.
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> appRoutes();

}  // namespace MultiFlexi
