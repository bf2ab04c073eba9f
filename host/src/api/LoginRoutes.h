// Signing in and out over the REST API. GET|POST /login (public): a login
// and password as MultiFlexi's `username`/`password` query parameters or in
// a JSON or form body; answers 201 with a new API token named "login" that
// expires in 24 hours, and the user. A wrong login is the one 401 of
// UserCatalog::authenticate (throttled, audited). POST /logout revokes the
// Bearer token the request was authenticated with.
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> loginRoutes();

}  // namespace MultiFlexi
