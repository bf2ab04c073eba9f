// Tiers 2 and 3 of credentials. A credential type is a company's instance
// of a prototype or of a credential-type plugin, with its own settings
// (values every credential of the type inherits); a credential is a named
// set of field values of one type, bound to run templates by requirement.
#pragma once

#include "common/Clock.h"
#include "domain/CredentialPrototype.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace MultiFlexi {

struct CredentialType {
  int64_t id = 0;
  int64_t companyId = 0;
  std::string name;
  std::optional<int64_t> prototypeId;     ///< exactly one of prototypeId and pluginType is set
  std::optional<std::string> pluginType;  ///< id of a credential-type plugin component
  std::string provides;                   ///< the requirement code it satisfies (prototype code, plugin id)
  std::map<std::string, std::string> settings;  ///< opened (plaintext) values
  std::set<std::string> secretSettings;
  Instant createdAt = 0;
  Instant updatedAt = 0;
};

struct Credential {
  int64_t id = 0;
  int64_t companyId = 0;
  int64_t typeId = 0;
  std::string name;
  std::map<std::string, std::string> values;  ///< opened (plaintext) values
  std::set<std::string> secretKeys;
  Instant createdAt = 0;
  Instant updatedAt = 0;
};

/// A credential bound to a run template for one requirement.
struct CredentialBinding {
  int64_t runtemplateId = 0;
  std::string requirement;  ///< lower-cased code
  int64_t credentialId = 0;
  std::string credentialName;
  int64_t typeId = 0;
  std::string typeName;
};

/// One environment variable a credential gives a job.
struct CredentialVariable {
  std::string name;
  std::string value;
  bool secret = false;
};

/// Requirement codes compare case-insensitively (manifests spell MServer,
/// mServer and mserver): this is the stored form.
std::string requirementKey(const std::string& code);

/// The values a credential of `fields` ends with: each field's default, then
/// the type's settings, then the credential's own values.
std::map<std::string, std::string> mergedValues(const std::vector<PrototypeField>& fields,
                                                const std::map<std::string, std::string>& typeSettings,
                                                const std::map<std::string, std::string>& values);

/// Throws ValidationException naming every bad field: an unknown keyword
/// (listing the known ones), a value that breaks its type (integer,
/// boolean, email, url, select), and with `complete` a required field
/// left without a value.
void validateFieldValues(const std::vector<PrototypeField>& fields, const std::map<std::string, std::string>& values,
                         bool complete, const std::string& what);

/// Name rules of types and credentials: 1-255 characters.
void validateCredentialName(const std::string& name, const std::string& option);

}  // namespace MultiFlexi
