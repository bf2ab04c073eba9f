// The REST API's application operations: GET /apps (an object keyed by
// id), GET /app/{appId} and POST /app/ (a manifest imported as
// application:import-json does). A manifest that does not import answers
// 400 with every violation of MultiFlexi's schema: {"status":"error",
// "code":"validation","field":<the first path>,"message":<its reason>,
// "errors":[{"path":"/environment/X/type","message":…}]} (paths are JSON
// pointers). GET /app/{appId}/manifest answers the manifest
// application:export-json writes. Applications are global: any
// authenticated caller reads them; only the admin imports.
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> appRoutes();

}  // namespace MultiFlexi
