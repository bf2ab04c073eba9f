#include "api/JobControlRoutes.h"

#include "api/ApiJson.h"
#include "catalog/Catalog.h"
#include "catalog/JobCatalog.h"
#include "api/ApiInput.h"
#include "common/Exceptions.h"

namespace MultiFlexi {

ApiResponse cancelJob(Catalog& catalog, const ApiRequest& request) {
  if (!request.caller) throw UnauthorizedException("authentication required");
  const Caller& caller = *request.caller;
  const int64_t id = pathId(request, "jobId");
  const Job job = catalog.jobs().get(id);
  // Unseen is missing: the same answer as for an id that does not exist.
  if (!caller.sees(job.companyId)) throw NotFoundException("no job with id " + std::to_string(id));
  if (!caller.may(job.companyId, CompanyRole::Operator))
    throw ForbiddenException("jobId", "cancelling a job takes the operator role in its company");
  const Job after = catalog.jobs().cancel(id, caller.name);
  ApiResponse response;
  response.status = after.state == JobState::Running ? 202 : 200;
  response.body = jobApiJson(after);
  return response;
}

std::vector<ApiRoute> jobControlRoutes() {
  return {ApiRoute{"POST", "/job/{jobId}/cancel", true, true,
                   "Cancel a job: a pending one at once, a running one by its executor", cancelJob}};
}

}  // namespace MultiFlexi
