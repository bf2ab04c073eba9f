// Credential prototypes (tier 1) and their fields.
#pragma once

#include "domain/CredentialPrototype.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <optional>
#include <vector>

namespace MultiFlexi {

struct PrototypeSaved {
  int64_t id = 0;
  bool created = false;
};

class CredentialPrototypeRepository {
 public:
  explicit CredentialPrototypeRepository(Database& database) : _db(database) {}

  /// Inserts, or updates the prototype with the same uuid, else the same
  /// code (MultiFlexi's upsert); fields are replaced. Throws
  /// ConflictException when the uuid and the code belong to two others.
  PrototypeSaved save(const CredentialPrototype& prototype);
  std::optional<CredentialPrototype> findById(int64_t id);
  std::optional<CredentialPrototype> findByUuid(const std::string& uuid);
  /// Codes compare case-insensitively.
  std::optional<CredentialPrototype> findByCode(const std::string& code);
  std::vector<CredentialPrototype> list();
  /// Deletes a prototype no credential type uses; otherwise ConflictException naming them.
  void remove(int64_t id);

 private:
  std::optional<CredentialPrototype> findOne(const std::string& where, Sql::Binding key);
  Database& _db;
};

}  // namespace MultiFlexi
