// The REST API's run template operations: GET /runtemplates (an object
// keyed by id; filters company_id, app_id), GET /runtemplate/{runTemplateId},
// POST /runtemplate (create) and POST /runtemplate/{runTemplateId} (update),
// both needing editor in the template's company. Members as MultiFlexi's
// RunTemplate names them (name, app_id, company_id, interv, cron, delay,
// executor, active, note) plus ours (timezone, misfire, allow_overlap,
// ociimage, config).
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> runTemplateRoutes();

}  // namespace MultiFlexi
