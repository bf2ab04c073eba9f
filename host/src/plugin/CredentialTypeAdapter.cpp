#include "plugin/CredentialTypeAdapter.h"

#include "common/Exceptions.h"
#include "common/Json.h"
#include "plugin/HostContext.h"

namespace MultiFlexi {

namespace {

std::string text(mfx_str s) { return s.ptr == nullptr ? std::string() : std::string(s.ptr, s.len); }

std::vector<PrototypeField> parseSchema(const std::string& id, const char* schemaJson) {
  const auto bad = [&](const std::string& why) {
    return PluginException("credential type '" + id + "': schema_json " + why);
  };
  OrderedJson schema;
  try {
    schema = parseJson(schemaJson);
  } catch (const std::exception& e) {
    throw bad(std::string("is not JSON: ") + e.what());
  }
  if (!schema.is_object() || !schema.contains("fields") || !schema["fields"].is_array())
    throw bad("must be an object with a \"fields\" array");
  std::vector<PrototypeField> out;
  for (const OrderedJson& f : schema["fields"]) {
    if (!f.is_object() || !f.contains("name") || !f["name"].is_string())
      throw bad("has a field without a \"name\" string");
    PrototypeField field;
    field.keyword = f["name"].get<std::string>();
    field.type = f.value("type", "string");
    if (f.contains("label")) field.nameJson = f["label"].dump();
    if (f.contains("description")) field.descriptionJson = f["description"].dump();
    if (f.contains("default") && f["default"].is_string()) field.defaultValue = f["default"].get<std::string>();
    field.required = f.value("required", false);
    field.secret = isSecretField(field.type, field.keyword);
    out.push_back(std::move(field));
  }
  return out;
}

}  // namespace

CredentialTypeAdapter::CredentialTypeAdapter(const mfx_credential_type& table, std::string pluginId)
    : _table(table),
      _id(table.id),
      _displayName(table.display_name),
      _description(table.description ? table.description : ""),
      _pluginId(std::move(pluginId)),
      _fields(parseSchema(_id, table.schema_json)) {}

void CredentialTypeAdapter::requireValid(const std::string& configJson) const {
  mfx_status status;
  const mfx_rc rc = _table.validate(_table.type_data, mfx_str{configJson.data(), configJson.size()}, &status);
  if (rc == MFX_OK) return;
  // The contract: {"FIELD": "reason", ...}; anything else is shown as written.
  std::vector<FieldProblem> problems;
  try {
    const OrderedJson reasons = parseJson(status.message);
    if (reasons.is_object())
      for (const auto& [field, reason] : reasons.items())
        problems.push_back({"fields." + field, reason.is_string() ? reason.get<std::string>() : reason.dump()});
  } catch (const std::exception&) {
  }
  if (!problems.empty()) throw ValidationException(std::move(problems));
  throw ValidationException("credential type '" + _id + "' refused the settings: " +
                            (status.message.empty() ? "no reason given" : status.message));
}

std::vector<CredentialVariable> CredentialTypeAdapter::resolve(int64_t companyId, int64_t jobId,
                                                             const std::string& configJson) const {
  std::vector<CredentialVariable> out;
  mfx_status status;
  const mfx_scope scope{companyId, jobId};
  const mfx_rc rc = _table.resolve(
      _table.type_data, &scope, mfx_str{configJson.data(), configJson.size()},
      [](void* user, mfx_str name, mfx_str value, uint32_t flags) {
        static_cast<std::vector<CredentialVariable>*>(user)->push_back(
            CredentialVariable{text(name), text(value), (flags & MFX_KV_SECRET) != 0});
      },
      &out, &status);
  if (rc != MFX_OK)
    throw PluginException("credential type '" + _id + "' could not resolve the credential: " +
                          (status.message.empty() ? "error " + std::to_string(rc) : status.message));
  return out;
}

void CredentialTypeAdapter::release() {
  if (_released) return;
  _released = true;
  if (_table.free_type_data) _table.free_type_data(_table.type_data);
}

}  // namespace MultiFlexi
