#include "api/AppRoutes.h"

#include "api/Access.h"
#include "api/ApiInput.h"
#include "api/ApiJson.h"
#include "api/Paging.h"
#include "catalog/ApplicationCatalog.h"
#include "common/Exceptions.h"

namespace MultiFlexi {

namespace {
ApiResponse listApps(Catalog& catalog, const ApiRequest& request) {
  callerOf(request);
  const Page page = pageOf(request, {{"id", "id"}});
  ApiResponse response;
  response.body = OrderedJson::object();
  if (page.order && page.order->descending)
    throw ValidationException("order", "applications are listed by ascending id only (use id)");
  auto apps = catalog.applications().list(page.limit, page.offset);
  for (const Application& app : apps) response.body[std::to_string(app.id)] = appApiJson(app);
  return response;
}

ApiResponse getApp(Catalog& catalog, const ApiRequest& request) {
  callerOf(request);
  ApplicationKey key;
  key.id = pathId(request, "appId");
  ApiResponse response;
  response.body = appApiJson(catalog.applications().get(key));
  return response;
}
// A manifest as application:import-json takes it (upsert by uuid, then name).
ApiResponse importApp(Catalog& catalog, const ApiRequest& request) {
  requireAdmin(request, "app");
  if (!request.body || !request.body->is_object()) throw ValidationException("body", "must be a manifest (a JSON object)");
  requireNoNul(*request.body);
  if (request.query.count("appId"))
    throw ValidationException("appId", "applications are matched by the manifest's uuid, then its name");
  const auto [app, created] = catalog.applications().importManifest(*request.body);
  ApiResponse response;
  response.status = 201;
  response.body = appApiJson(app);
  response.headers["Location"] = std::string(kApiBasePath) + "/app/" + std::to_string(app.id);
  if (!created) response.headers["X-MultiFlexi-Updated"] = "true";
  return response;
}
}  // namespace

std::vector<ApiRoute> appRoutes() {
  return {
      {"GET", "/apps", true, true, "List applications (keyed by id)", listApps},
      {"GET", "/app/{appId}", true, true, "One application", getApp},
      {"POST", "/app/", false, true, "Import an application manifest (admin)", importApp},
  };
}

}  // namespace MultiFlexi
