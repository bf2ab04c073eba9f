// The REST API's credentials of a run template: GET
// /runtemplate/{runTemplateId}/credentials answers
// {"requirements":[{"kind","credential_id","credential_name",
// "credential_type_id","credential_type_name","extra"}]}: each requirement of
// the template's application (credential members null while none is bound),
// then any credential bound for a requirement the application does not list
// (extra: true). POST /runtemplate/{runTemplateId}/credential/
// {"credential_id", "requirement"?} binds a credential of the template's
// company (default requirement: what its type provides);
// DELETE /runtemplate/{runTemplateId}/credential/{credentialId} unbinds it.
// Both need editor in the company, answer with the requirements document and
// are audited. A credential the caller does not see is one that does not exist.
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> runTemplateCredentialRoutes();

}  // namespace MultiFlexi
