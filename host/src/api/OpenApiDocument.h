// Our own OpenAPI 3.0 document, built from the route table the server
// serves: each route's path (with ".{suffix}" where it takes a format
// suffix) and method, its path parameters, summary, whether it needs a
// caller (HTTP basic or a bearer token), and the API's error body. GET
// /openapi.json (public, no suffix) serves it.
#pragma once

#include "api/ApiRoute.h"

#include <functional>
#include <vector>

namespace MultiFlexi {

/// The document for `routes` (the whole table, this route included).
OrderedJson openApiDocument(const std::vector<ApiRoute>& routes);

/// GET /openapi.json over the table `routes` answers (asked per request,
/// so that the lead can hand the merged table after building it; called on
/// worker threads, it must not change while the server runs).
ApiRoute openApiRoute(std::function<const std::vector<ApiRoute>&()> routes);

}  // namespace MultiFlexi
