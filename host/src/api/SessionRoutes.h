// The console's sessions over the REST API (the cookie mfx_session):
// POST /session (public) signs in with `username` and `password` in a JSON
// or form body, through the login throttle of /login, and answers 201 with
// the user, their roles, the session's CSRF token and expiry, and the
// cookie (Path=/; HttpOnly; SameSite=Strict; Secure over TLS). GET /session
// describes the caller and their session; DELETE /session ends the session
// the request was authenticated with and clears the cookie. Both audited
// (session.create, session.delete). Answers are never cached (no-store).
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> sessionRoutes();

}  // namespace MultiFlexi
