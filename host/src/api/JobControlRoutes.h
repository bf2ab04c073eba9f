// The REST API's control of running work: POST /job/{jobId}/cancel cancels
// a job for an operator of its company (JobCatalog::cancel). A pending job
// is cancelled at once (200 with the job, now cancelled); a running one gets
// a cancel request its executor acts on (202 with the job as it runs).
//
// Rules: a caller who does not see the job's company gets the same
// NotFoundException as for an id that does not exist; one who sees it
// without the operator role gets ForbiddenException; a job already ended is
// a ConflictException. A path id that is not a whole number from 1 up is a
// ValidationException naming "jobId" (the value is never echoed).
//
// Threads: the handlers keep no state; any number may run at once.
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

/// The routes, for the router's table.
std::vector<ApiRoute> jobControlRoutes();

/// POST /job/{jobId}/cancel; exposed for tests. Throws as described above,
/// UnauthorizedException without a caller.
ApiResponse cancelJob(Catalog& catalog, const ApiRequest& request);

}  // namespace MultiFlexi
