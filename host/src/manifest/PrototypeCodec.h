// Credential prototype files <-> CredentialPrototype. Reads both formats as
// MultiFlexi's importer does: credential-prototype.json 0.2.0 and the older
// credential-type.json 1.1.0, localized names and descriptions, `default`
// as an alias of `default_value`, options as strings or {value, label}.
// Keys neither format defines are kept and exported again.
#pragma once

#include "common/Json.h"
#include "domain/CredentialPrototype.h"

#include <string>
#include <vector>

namespace MultiFlexi {

/// Every problem of `document`, each as "$.fields[2].keyword: reason";
/// empty when it imports.
std::vector<std::string> prototypeProblems(const OrderedJson& document);

/// The prototype `document` describes. Throws ManifestException listing
/// every problem, prefixed with `source` (the file name).
CredentialPrototype prototypeFromJson(const OrderedJson& document, const std::string& source);

/// The prototype as a credential-prototype.json document (localized texts
/// and kept keys included); it imports back to the same prototype.
OrderedJson prototypeToJson(const CredentialPrototype& prototype);

}  // namespace MultiFlexi
