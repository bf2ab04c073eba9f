// Signing in and out over the REST API. GET|POST /login (public): a login
// and password as MultiFlexi's `username`/`password` query parameters or in
// a JSON or form body; answers 201 with a new API token named "login" that
// expires in 24 hours, and the user. A wrong login is the one 401 of
// UserCatalog::authenticate (throttled, audited). POST /logout revokes the
// Bearer token the request was authenticated with.
#pragma once

#include "api/ApiRoute.h"

#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> loginRoutes();

/// Who signs in with this login and password (UserCatalog::authenticate:
/// throttled and audited, UnauthorizedException when wrong);
/// ValidationException naming a missing or empty one. Wipes the password.
Caller signInWithPassword(Catalog& catalog, const ApiRequest& request, std::optional<std::string> username,
                          std::optional<std::string> password);

}  // namespace MultiFlexi
