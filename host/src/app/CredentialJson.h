// The JSON shapes of credential records in CLI output. Secret values are
// masked unless the caller asks to reveal them (and audits that).
#pragma once

#include "app/Output.h"
#include "domain/Credential.h"
#include "domain/CredentialPrototype.h"

namespace MultiFlexi {

/// {id, uuid, code, name, version, format, fields: [{keyword, type, name, required, secret, default}] ...}
OrderedJson prototypeSummaryJson(const CredentialPrototype& prototype);
/// {id, company_id, name, prototype_id, plugin, provides, settings, created_at, updated_at}
OrderedJson credentialTypeJson(const CredentialType& type);
/// {id, company_id, credential_type_id, name, values, secret_fields, created_at, updated_at}
OrderedJson credentialJson(const Credential& credential, bool reveal);

}  // namespace MultiFlexi
