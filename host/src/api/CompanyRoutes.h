// The REST API's company operations: GET /companies (an array, as the
// document says), GET /company/{companyId}, POST /company/ (create without
// the companyId query parameter: admin only; with it, update: editor of it).
// Members: name, code (MultiFlexi's; our slug), slug, ic, dic, email,
// timezone, enabled, environment.
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> companyRoutes();

}  // namespace MultiFlexi
