// The REST API's credential operations: GET /credentials and GET
// /credential_types (arrays of the caller's companies' records), GET and
// POST (update: editor) /credential/{credentialId} and
// /credential_type/{credentialTypeID}. Secret values are always masked:
// the API never reveals one (the CLI's credential:reveal is the only way).
// Update members: name, values (credential) or settings and provides (type),
// unset (keys to remove).
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> credentialRoutes();

}  // namespace MultiFlexi
