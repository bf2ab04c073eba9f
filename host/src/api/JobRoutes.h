// The REST API's job operations: GET /jobs (an object keyed by id; filters
// company_id, runtemplate_id, status), GET /job/{jobId}, POST /job/ (an
// ad-hoc run of a run template, MultiFlexi's body {runtemplate_id,
// scheduled, executor, env}; needs operator in the template's company).
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> jobRoutes();

}  // namespace MultiFlexi
