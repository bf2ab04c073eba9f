// MultiFlexi's test SQL credential prototype (DATABASE_PASSWORD is secret)
// for the catalog tests: the prototype, a type of it and a credential of
// that type, ready to save through a CredentialCatalog.
#pragma once

#include "Fixtures.h"
#include "domain/Credential.h"
#include "domain/CredentialPrototype.h"
#include "manifest/ManifestValidator.h"
#include "manifest/PrototypeCodec.h"

#include <cstdint>
#include <string>

namespace MultiFlexi::Testing {

inline CredentialPrototype sqlPrototype() {
  const std::string f =
      fixture("multiflexi/credential-prototypes/VitexSoftware__php-vitexsoftware-multiflexi-core__test.credential-type.json");
  return prototypeFromJson(ManifestValidator::readJson(f), f);
}

/// Type "sql" of prototype `prototypeId` in company `companyId`.
inline CredentialType sqlType(int64_t companyId, int64_t prototypeId) {
  CredentialType t;
  t.companyId = companyId;
  t.name = "sql";
  t.prototypeId = prototypeId;
  return t;
}

/// Credential "db" of type `typeId` in company `companyId`: a user and a secret password.
inline Credential sqlCredential(int64_t companyId, int64_t typeId) {
  Credential c;
  c.typeId = typeId;
  c.companyId = companyId;
  c.name = "db";
  c.values = {{"DATABASE_USER", "app"}, {"DATABASE_PASSWORD", "pw-123456"}};
  return c;
}

}  // namespace MultiFlexi::Testing
