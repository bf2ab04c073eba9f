// The REST API's credential operations: GET /credentials and GET
// /credential_types (arrays of the caller's companies' records), GET and
// POST (update: editor) /credential/{credentialId} and
// /credential_type/{credentialTypeID}, POST /credential/ and
// /credential_type/ (create: editor in the company; a type of a
// credential-type plugin, which acts on the executor host: admin only).
// Secret values are masked in every answer but GET
// /credential/{credentialId}/reveal (editor), which writes the audit event
// credential.reveal and answers with Cache-Control: no-store.
// Create members: credential {name, credential_type_id, company_id (checked
// against the type's), values}; type {name, company_id, prototype_id | plugin,
// provides, settings}. Update members: name, values (credential) or settings
// and provides (type), unset (keys to remove).
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> credentialRoutes();

}  // namespace MultiFlexi
