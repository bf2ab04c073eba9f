#include "api/ApiRoutes.h"

namespace MultiFlexi {

std::vector<ApiRoute> apiRoutes() {
  std::vector<ApiRoute> routes;
  // The other groups are appended here; the index lists them all.
  const std::vector<ApiRoute> others = routes;
  std::vector<ApiRoute> service = serviceRoutes(others);
  routes.insert(routes.begin(), service.begin(), service.end());
  return routes;
}

}  // namespace MultiFlexi
