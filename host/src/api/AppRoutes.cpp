#include "api/AppRoutes.h"

#include "api/Access.h"
#include "api/ApiInput.h"
#include "api/ApiJson.h"
#include "api/Paging.h"
#include "catalog/ApplicationCatalog.h"
#include "api/ErrorKinds.h"
#include "common/Exceptions.h"
#include "manifest/ManifestCodec.h"

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

// The application the path names; any caller reads it.
Application pathApp(Catalog& catalog, const ApiRequest& request) {
  callerOf(request);
  ApplicationKey key;
  key.id = pathId(request, "appId");
  return catalog.applications().get(key);
}

ApiResponse getApp(Catalog& catalog, const ApiRequest& request) {
  ApiResponse response;
  response.body = appApiJson(pathApp(catalog, request));
  return response;
}
// GET /app/{appId}/manifest: what application:export-json writes.
ApiResponse getManifest(Catalog& catalog, const ApiRequest& request) {
  ApiResponse response;
  response.body = manifestFromApplication(pathApp(catalog, request));
  return response;
}

// The API's JSON error for a refused manifest, with every violation:
// "errors": [{"path": JSON pointer, "message"}] ("" for the whole document).
ApiResponse refusedManifest(const ValidationException& e) {
  OrderedJson errors = OrderedJson::array();
  for (const FieldProblem& p : e.problems()) errors.push_back({{"path", p.field}, {"message", p.reason}});
  if (errors.empty()) errors.push_back({{"path", ""}, {"message", e.reason()}});
  const ErrorKind& kind = errorKindOf(e);
  ApiResponse response;
  response.status = kind.httpStatus;
  response.body = {{"status", "error"},
                   {"code", kind.code},
                   {"field", e.field().empty() ? OrderedJson() : OrderedJson(e.field())},
                   {"message", e.reason()},
                   {"errors", std::move(errors)}};
  return response;
}

// A manifest as application:import-json takes it (upsert by uuid, then name).
ApiResponse importApp(Catalog& catalog, const ApiRequest& request) {
  requireAdmin(request, "app");
  if (!request.body || !request.body->is_object()) throw ValidationException("body", "must be a manifest (a JSON object)");
  requireNoNul(*request.body);
  if (request.query.count("appId"))
    throw ValidationException("appId", "applications are matched by the manifest's uuid, then its name");
  std::pair<Application, bool> imported;
  try {
    imported = catalog.applications().importManifest(*request.body);
  } catch (const ValidationException& e) {
    return refusedManifest(e);
  }
  const auto& [app, created] = imported;
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
      {"GET", "/app/{appId}/manifest", true, true, "The application's manifest, as application:export-json writes it",
       getManifest},
      {"POST", "/app/", false, true, "Import an application manifest (admin)", importApp},
  };
}

}  // namespace MultiFlexi
