#include "api/ApiRoutes.h"

#include "api/AppRoutes.h"
#include "api/CompanyRoutes.h"
#include "api/CredentialPrototypeRoutes.h"
#include "api/CredentialRoutes.h"
#include "api/CronRoutes.h"
#include "api/DashboardRoutes.h"
#include "api/JobControlRoutes.h"
#include "api/JobOutputRoutes.h"
#include "api/JobRoutes.h"
#include "api/LoginRoutes.h"
#include "api/MetricsRoutes.h"
#include "api/OpenApiDocument.h"
#include "api/PluginRoutes.h"
#include "api/RunTemplateCredentialRoutes.h"
#include "api/RunTemplateRoutes.h"
#include "api/SessionRoutes.h"
#include "api/StatusRoutes.h"
#include "api/UserRoutes.h"

#include <memory>

namespace MultiFlexi {

namespace {

void append(std::vector<ApiRoute>& routes, std::vector<ApiRoute> group) {
  for (ApiRoute& route : group) routes.push_back(std::move(route));
}

}  // namespace

std::vector<ApiRoute> apiRoutes(const ApiEnvironment& environment) {
  std::vector<ApiRoute> routes;
  append(routes, statusRoutes(environment.daemonState));
  append(routes, loginRoutes());
  append(routes, sessionRoutes());
  append(routes, appRoutes());
  append(routes, jobRoutes());
  append(routes, jobOutputRoutes());
  append(routes, jobControlRoutes());
  append(routes, runTemplateRoutes());
  append(routes, companyRoutes());
  append(routes, credentialRoutes());
  append(routes, credentialPrototypeRoutes());
  append(routes, runTemplateCredentialRoutes());
  append(routes, userRoutes());
  append(routes, cronRoutes(environment.serverZone));
  append(routes, pluginRoutes(environment.plugins));
  append(routes, dashboardRoutes(environment.serverZone));
  append(routes, metricsRoutes(environment));

  // The document describes the final table: a copy without handlers (a
  // handler holding the table that holds it would never be freed).
  auto described = std::make_shared<std::vector<ApiRoute>>();
  routes.push_back(openApiRoute([described]() -> const std::vector<ApiRoute>& { return *described; }));
  std::vector<ApiRoute> service = serviceRoutes(routes);
  routes.insert(routes.begin(), service.begin(), service.end());
  for (const ApiRoute& route : routes) {
    ApiRoute entry = route;
    entry.handler = nullptr;
    described->push_back(std::move(entry));
  }
  return routes;
}

}  // namespace MultiFlexi
