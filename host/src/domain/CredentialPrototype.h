// Tier 1 of credentials: a prototype says which fields a kind of credential
// has (MultiFlexi's credential-prototype.json and older credential-type.json).
#pragma once

#include "common/Clock.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

struct PrototypeField {
  std::string keyword;  ///< the environment variable, ^[A-Z][A-Z0-9_]*$
  std::string type;     ///< string, password, email, url, integer, boolean, select, textarea, file, number, secret
  std::optional<std::string> nameJson;         ///< localized: a JSON string or {"en": ..., "cs": ...}
  std::optional<std::string> descriptionJson;  ///< localized
  std::optional<std::string> hintJson;         ///< localized
  std::optional<std::string> defaultValue;
  bool required = false;
  std::optional<std::string> optionsJson;  ///< [{"value": ..., "label": ...}]
  bool secret = false;                     ///< sealed at rest, masked everywhere
  std::optional<std::string> extraJson;    ///< keys no schema defines (title, example ...), kept for export
};

struct CredentialPrototype {
  int64_t id = 0;
  std::string uuid;
  std::string code;  ///< what application requirements name
  std::string name;  ///< display name (English, or the first language)
  std::string nameJson;
  std::optional<std::string> descriptionJson;
  std::optional<std::string> version;
  std::optional<std::string> logo;
  std::optional<std::string> url;
  std::optional<std::string> homepage;
  std::string tagsJson = "[]";
  std::string format;  ///< "credential-prototype" (0.2.0) or "credential-type" (1.1.0)
  std::optional<std::string> extraJson;
  std::vector<PrototypeField> fields;
  Instant createdAt = 0;
  Instant updatedAt = 0;

  const PrototypeField* field(const std::string& keyword) const;
};

/// Whether a field holds a secret: its type says password or secret, or its
/// name says so (…PASSWORD, …TOKEN, …SECRET…, …_KEY, …PIN; not …_NAME,
/// …_ID, …_URL …). Real prototypes type FIO_TOKEN as a plain string, so the
/// name counts too.
bool isSecretField(const std::string& type, const std::string& keyword);

/// The field types prototypes use (both formats).
bool isKnownFieldType(const std::string& type);

}  // namespace MultiFlexi
