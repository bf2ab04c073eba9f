// The credentials of an `Authorization` header: `Basic` (login:password in
// base64) or `Bearer` (an API token), as an AuthAttempt for the user
// catalog. Anything else — no header, another scheme, bad base64, no colon,
// an empty secret — is no attempt at all (the server answers 401, as for a
// wrong password).
#pragma once

#include "domain/AuthAttempt.h"

#include <optional>
#include <string>
#include <string_view>

namespace MultiFlexi {

std::optional<AuthAttempt> parseAuthorization(std::string_view header, const std::string& remoteAddress);

}  // namespace MultiFlexi
