// The API's JSON error, {"status":"error","code":…,"field":…,"message":…},
// for an exception a handler threw (its kind from api/ErrorKinds) and for
// what the server itself refuses (404, 405, 406, 413, 429).
//
// Nothing of an internal error reaches the caller: the message is "internal
// error" and the exception is logged with the request id. Every 401 has the
// same body whatever the cause (no credentials, a malformed header, a wrong
// password), and carries WWW-Authenticate.
#pragma once

#include "api/ApiRoute.h"

#include <exception>
#include <string>

namespace MultiFlexi {

/// What every 401 says.
constexpr const char* kUnauthorizedMessage = "authentication required: a valid user and password, or a token";

/// An error document with `status`; `field` empty for none.
ApiResponse apiError(int status, const std::string& code, const std::string& field, const std::string& message);

/// The response for an exception thrown while serving request `requestId`;
/// logs internal errors (logger "multiflexi.http").
ApiResponse errorResponse(const std::exception& e, const std::string& requestId);

}  // namespace MultiFlexi
