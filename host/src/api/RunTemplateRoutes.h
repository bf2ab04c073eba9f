// The REST API's run template operations: GET /runtemplates (an object
// keyed by id; filters company_id, app_id), GET /runtemplate/{runTemplateId},
// POST /runtemplate (create) and POST /runtemplate/{runTemplateId} (update),
// both needing editor in the template's company. Members as MultiFlexi's
// RunTemplate names them (name, app_id, company_id, interv, cron, delay,
// executor, active, note) plus ours (timezone, misfire, allow_overlap,
// ociimage, config). GET /runtemplate/{runTemplateId}/can_run?executor=
// answers {"executor","can_run","reason"} (reason null when it can): the
// executor's can_run on the application as the template runs it (executor
// defaults to the template's; one no plugin provides is a 400 naming
// "executor"); viewers ask, nothing changes.
#pragma once

#include "api/ApiRoute.h"
#include "domain/Caller.h"
#include "domain/RunTemplate.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> runTemplateRoutes();

/// Run template `id` if the caller holds `needed` in its company;
/// NotFoundException ("no run template with id 5") when there is none or the
/// caller does not see its company, ForbiddenException naming
/// "runTemplateId" for a lower role.
RunTemplate runTemplateFor(Catalog& catalog, const ApiRequest& request, int64_t id, CompanyRole needed);

}  // namespace MultiFlexi
