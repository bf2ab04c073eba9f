// Credential types (tier 2), credentials (tier 3) and their bindings to run
// templates. Secret settings and values are sealed (store/SealedValues.h);
// which ones are secret is decided by the caller, who knows the fields.
#pragma once

#include "domain/Credential.h"
#include "store/Database.h"

#include <optional>
#include <vector>

namespace MultiFlexi {

class CredentialRepository {
 public:
  explicit CredentialRepository(Database& database) : _db(database) {}

  /// Inserts a type (its company and prototype must exist); returns the id.
  int64_t createType(const CredentialType& type);
  /// Saves name, provides and settings.
  void updateType(const CredentialType& type);
  std::optional<CredentialType> findType(int64_t id);
  std::vector<CredentialType> listTypes(std::optional<int64_t> companyId);
  /// Deletes a type without credentials; otherwise ConflictException naming them.
  void removeType(int64_t id);

  /// Inserts a credential of a type of the same company; returns the id.
  int64_t create(const Credential& credential);
  /// Saves name and values.
  void update(const Credential& credential);
  std::optional<Credential> find(int64_t id);
  std::vector<Credential> list(std::optional<int64_t> companyId, std::optional<int64_t> typeId);
  /// A page by id of the credentials of these companies only (a caller's
  /// visible ones; all when nullopt).
  std::vector<Credential> listOf(const std::optional<std::vector<int64_t>>& companyIds, int64_t limit, int64_t offset);
  /// A page by id of the credential types of these companies only (all when nullopt).
  std::vector<CredentialType> listTypesOf(const std::optional<std::vector<int64_t>>& companyIds, int64_t limit,
                                          int64_t offset);
  /// Deletes a credential no run template uses; otherwise ConflictException naming them.
  void remove(int64_t id);

  /// Binds `credentialId` to the run template for `requirement`, replacing
  /// the credential bound for it before (one per requirement). Throws
  /// ValidationException when they belong to different companies.
  void bind(int64_t runtemplateId, int64_t credentialId, const std::string& requirement);
  /// Removes the binding; NotFoundException when there is none.
  void unbind(int64_t runtemplateId, int64_t credentialId);
  /// The run template's bindings, by requirement.
  std::vector<CredentialBinding> bindings(int64_t runtemplateId);

 private:
  Database& _db;
};

}  // namespace MultiFlexi
