// The REST API's credential prototypes (tier 1: which fields a kind of
// credential has): GET /credential_prototypes (an object keyed by id, in
// code order) and GET
// /credential_prototype/{credentialPrototypeId}, each the prototype as
// credential-prototype:export-json writes it (localized texts in every
// language, fields with type, required, secret, default, options) plus its id.
// Prototypes belong to no company: any authenticated caller reads them;
// they are imported with the CLI.
#pragma once

#include "api/ApiRoute.h"

#include <vector>

namespace MultiFlexi {

std::vector<ApiRoute> credentialPrototypeRoutes();

}  // namespace MultiFlexi
