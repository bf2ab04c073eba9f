#include "api/StatusRoutes.h"

#include "api/Access.h"
#include "api/ApiJson.h"
#include "catalog/ApplicationCatalog.h"
#include "catalog/JobCatalog.h"
#include "catalog/RecordCounts.h"

namespace MultiFlexi {

std::vector<ApiRoute> statusRoutes(std::function<std::string()> daemonState) {
  auto status = [daemonState](Catalog& catalog, const ApiRequest& request) {
    std::optional<RecordCounts> counts;
    if (request.caller) counts = countRecords(catalog, visibleCompanies(request));
    ApiResponse response;
    response.body = statusApiJson(storeDriver(catalog), daemonState ? daemonState() : "unknown", counts);
    return response;
  };
  auto jobsStatus = [](Catalog& catalog, const ApiRequest& request) {
    const auto companies = visibleCompanies(request);
    ApiResponse response;
    response.body = OrderedJson::array();
    response.body.push_back(jobsStatusApiJson(catalog.jobs().countByState(companies),
                                              countRecords(catalog, companies).applications));
    return response;
  };
  return {
      {"GET", "/status", true, false, "The server's status; with a caller, the counts of what it sees", status},
      {"GET", "/jobs/status", true, true, "Job counts of the caller's companies", jobsStatus},
  };
}

}  // namespace MultiFlexi
