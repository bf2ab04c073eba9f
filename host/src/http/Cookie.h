// The console's session cookie as the server reads it from a request (the
// session routes write it, api/SessionRoutes). The value is read from the Cookie headers
// (Poco's parser, HTTPRequest::getCookies); one mfx_session cookie is a
// session attempt, none or several (ambiguous: a cookie planted beside the
// real one) are no attempt at all, and so is a value not of the form a
// session has (the catalog then looks nothing up).
//
// Threads: stateless.
#pragma once

#include "api/ApiRoute.h"
#include "domain/AuthAttempt.h"

#include <Poco/Net/HTTPRequest.h>

#include <optional>
#include <string>

namespace MultiFlexi {

/// The value of the request's one session cookie; nullopt when it has none or several.
std::optional<std::string> sessionCookieOf(const Poco::Net::HTTPRequest& request);

/// The session attempt of a request: its session cookie, and for any method
/// but GET, HEAD and OPTIONS the X-CSRF-Token it must send beside it;
/// nullopt without one session cookie.
std::optional<AuthAttempt> sessionAttempt(const Poco::Net::HTTPRequest& request, const std::string& remoteAddress);

}  // namespace MultiFlexi
