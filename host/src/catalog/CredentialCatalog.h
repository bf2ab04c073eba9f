// The rules of credentials above the store: which fields a type has (from
// its prototype or its plugin's schema), which values are secret, checking
// values on create and update, binding to run templates by requirement, and
// turning a credential into job variables.
#pragma once

#include "domain/Application.h"
#include "domain/Credential.h"
#include "domain/RunTemplate.h"
#include "store/CredentialPrototypeRepository.h"
#include "store/CredentialRepository.h"

#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

class PluginRegistry;

/// A change to a credential or a credential type: a new name, values (or
/// settings) to set, keys to remove (each must exist).
struct CredentialChanges {
  std::optional<std::string> name;
  std::optional<std::string> provides;  ///< types only
  std::map<std::string, std::string> values;
  std::vector<std::string> unset;
};

/// One way to name a credential prototype; the first one given is used.
struct PrototypeKey {
  std::optional<int64_t> id;
  std::optional<std::string> uuid;
  std::optional<std::string> code;
  bool empty() const { return !id && !uuid && !code; }
};

class CredentialCatalog {
 public:
  /// `plugins` may be null: plugin-backed types then cannot be used.
  CredentialCatalog(Database& database, const PluginRegistry* plugins);

  /// The fields of `type`. Throws when its prototype or plugin is gone.
  std::vector<PrototypeField> fieldsOf(const CredentialType& type);
  /// "prototype FioBank" or "plugin type envfile".
  std::string kindOf(const CredentialType& type);

  /// Checks the settings (known fields, types), marks secret ones, fills
  /// `provides` from the prototype code or plugin id when empty, inserts.
  int64_t createType(CredentialType type);
  void updateType(CredentialType type);

  /// Checks the values merged over the type's settings and field defaults
  /// (every required field set; a plugin type's validate), marks secret
  /// ones, saves. Throws ValidationException naming each bad field.
  int64_t createCredential(Credential credential);
  void updateCredential(Credential credential);

  /// Binds credential `credentialId` to `runTemplate` for the requirement
  /// its type provides (or `requirement`). The requirement must be one of
  /// the application's, compared case-insensitively, unless `extra`.
  /// Returns the requirement code as the application spells it.
  std::string assign(const RunTemplate& runTemplate, const Application& app, int64_t credentialId,
                     const std::optional<std::string>& requirement, bool extra);

  /// The variables a job of `companyId` gets from `credential`: a prototype
  /// type's merged values, or what its plugin resolves (live). Throws
  /// MultiFlexiException with the reason when the lookup fails or the
  /// plugin emits a variable no job may get.
  std::vector<CredentialVariable> variables(const Credential& credential, int64_t jobId);

  /// Every variable of every credential bound to run template `id`, in
  /// requirement order. Throws MultiFlexiException naming the credential.
  std::vector<CredentialVariable> variablesOfTemplate(int64_t runtemplateId, int64_t jobId);

  /// Applies `changes` to credential `id` (values checked as on create).
  /// ValidationException "unset-field" for a value it does not have.
  Credential updateCredential(int64_t id, const CredentialChanges& changes);
  /// Applies `changes` to credential type `id` (settings checked as on
  /// create). ValidationException "unset-setting" for a setting it lacks.
  CredentialType updateType(int64_t id, const CredentialChanges& changes);

  /// Credential `id`; NotFoundException ("no credential with id 5") when
  /// there is none.
  Credential credential(int64_t id);
  /// Credential type `id`; NotFoundException when there is none.
  CredentialType type(int64_t id);
  /// The prototype `key` names; NotFoundException ("no credential prototype
  /// with code 'x'") otherwise, ValidationException when `key` is empty.
  CredentialPrototype prototype(const PrototypeKey& key);
  /// The id of the prototype given by id or code, for a new type;
  /// ValidationException naming `field` when there is none.
  int64_t prototypeIdOf(const std::string& field, const std::string& codeOrId);
  /// Credential `id` to show with its secrets: the audit trail records the
  /// reveal (who, which credential, how many secret fields) before it is
  /// returned.
  Credential reveal(int64_t id);

  /// Deletes credential `id`, which no run template may use
  /// (ConflictException naming them; NotFoundException). Audited.
  void removeCredential(int64_t id);
  /// Deletes credential type `id`, which must have no credentials. Audited.
  void removeType(int64_t id);
  /// Imports a prototype: updates the one with its uuid or code, else
  /// creates it. Audited as created or updated.
  PrototypeSaved importPrototype(const CredentialPrototype& prototype);
  /// Deletes prototype `id`, which no credential type may use. Audited.
  void removePrototype(int64_t id);

  /// The repositories, for reads. Every change goes through the methods
  /// above, which write the audit trail.
  CredentialRepository& credentials() { return _credentials; }
  CredentialPrototypeRepository& prototypes() { return _prototypes; }

 private:
  CredentialType typeOf(const Credential& credential);
  std::set<std::string> secretNames(const std::vector<PrototypeField>& fields,
                                    const std::map<std::string, std::string>& values) const;
  /// Throws ValidationException for bad values; returns the type's fields.
  std::vector<PrototypeField> checkCredential(const Credential& credential, const CredentialType& type);

  Database& _database;
  const PluginRegistry* _plugins;
  CredentialRepository _credentials;
  CredentialPrototypeRepository _prototypes;
};

}  // namespace MultiFlexi
