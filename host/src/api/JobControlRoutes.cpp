#include "api/JobControlRoutes.h"

#include "api/EntityJson.h"
#include "catalog/Catalog.h"
#include "catalog/JobCatalog.h"
#include "common/Exceptions.h"

#include <charconv>

namespace MultiFlexi {

namespace {

/// A record id from the path: decimal digits only, 1 up to INT64_MAX.
int64_t pathId(const ApiRequest& request, const std::string& name) {
  const auto found = request.path.find(name);
  const std::string text = found == request.path.end() ? std::string() : found->second;
  int64_t id = 0;
  const char* end = text.data() + text.size();
  const bool digits = !text.empty() && text.size() <= 19 && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::from_chars(text.data(), end, id).ptr != end || id < 1)
    throw ValidationException(name, "not a record id: expected a whole number from 1 to 9223372036854775807");
  return id;
}

}  // namespace

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
  response.body = jobJson(after);
  return response;
}

std::vector<ApiRoute> jobControlRoutes() {
  return {ApiRoute{"POST", "/job/{jobId}/cancel", true, true,
                   "Cancel a job: a pending one at once, a running one by its executor", cancelJob}};
}

}  // namespace MultiFlexi
