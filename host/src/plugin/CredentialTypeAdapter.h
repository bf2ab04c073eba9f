// A registered credential type, seen from the host (C table -> C++).
#pragma once

#include "domain/Credential.h"

#include <multiflexi/mfx_plugin.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

class CredentialTypeAdapter {
 public:
  /// Takes the host's zero-extended copy of the plugin's table. Throws
  /// PluginException when its schema_json is not the documented shape.
  CredentialTypeAdapter(const mfx_credential_type& table, std::string pluginId);

  const std::string& id() const { return _id; }
  const std::string& displayName() const { return _displayName; }
  const std::string& description() const { return _description; }
  const std::string& pluginId() const { return _pluginId; }
  /// The settings a credential of this type stores, from schema_json.
  const std::vector<PrototypeField>& fields() const { return _fields; }

  /// Asks the plugin to check `configJson` (an object of field -> value).
  /// Throws ValidationException with the plugin's reasons, one problem per
  /// field ("fields.NAME"), or its whole answer when it names no field.
  void requireValid(const std::string& configJson) const;
  /// Asks the plugin for the job's variables. Throws PluginException with
  /// the plugin's reason when the lookup fails.
  std::vector<CredentialVariable> resolve(int64_t companyId, int64_t jobId, const std::string& configJson) const;

  /// Frees the plugin's type_data (shutdown).
  void release();

 private:
  mfx_credential_type _table;
  std::string _id;
  std::string _displayName;
  std::string _description;
  std::string _pluginId;
  std::vector<PrototypeField> _fields;
  bool _released = false;
};

}  // namespace MultiFlexi
