// The REST API's operations on users, company roles, the audit log and API
// tokens (MultiFlexi's paths): GET /users, GET /user/{userId}, POST /user/,
// GET /user/{userId}/roles, POST /user/{userId}/roles/,
// GET /company/{companyId}/users, POST /company/{companyId}/user/,
// DELETE /company/{companyId}/user/{userId}, GET /auditlog,
// GET /auditlog/{id}, GET /tokens, POST /token/, DELETE /token/{id}.
//
// Rules: admins manage users and roles; a user sees and edits only himself
// (names, email, password) and his own tokens; a company's editors see its
// users and its audit events. A caller without a role in a company gets
// NotFoundException for it, as for a company that does not exist.
// Changes run in an ActorScope of the request's caller (audited as them).
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> userRoutes();

}  // namespace MultiFlexi
