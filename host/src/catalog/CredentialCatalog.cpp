#include "catalog/CredentialCatalog.h"

#include "common/Exceptions.h"
#include "store/AuditRepository.h"
#include "common/Json.h"
#include "plugin/PluginRegistry.h"

#include <Poco/NumberParser.h>

#include <regex>
#include <set>

namespace MultiFlexi {

namespace {

/// Variables a credential may never set: they would change how the job's
/// program is loaded or interpreted.
bool isForbiddenName(const std::string& name) {
  static const std::set<std::string> denied = {"LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "BASH_ENV",
                                               "ENV",        "IFS",             "PATH",     "SHELLOPTS"};
  static const std::regex valid("^[A-Za-z_][A-Za-z0-9_]*$");
  return !std::regex_match(name, valid) || denied.count(name) > 0 || name.rfind("MULTIFLEXI_", 0) == 0;
}

std::string configJson(const std::map<std::string, std::string>& values) {
  OrderedJson config = OrderedJson::object();
  for (const auto& [k, v] : values) config[k] = v;
  return config.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace

CredentialCatalog::CredentialCatalog(Database& database, const PluginRegistry* plugins)
    : _database(database), _plugins(plugins), _credentials(database), _prototypes(database) {}

std::vector<PrototypeField> CredentialCatalog::fieldsOf(const CredentialType& type) {
  if (type.prototypeId) {
    auto prototype = _prototypes.findById(*type.prototypeId);
    if (!prototype) throw NotFoundException("credential prototype " + std::to_string(*type.prototypeId) + " is gone");
    return prototype->fields;
  }
  if (!_plugins) throw PluginException("plugins are not loaded: credential type '" + type.name + "' needs them");
  return _plugins->credentialType(type.pluginType.value_or("")).fields();
}

std::string CredentialCatalog::kindOf(const CredentialType& type) {
  if (type.pluginType) return "plugin type " + *type.pluginType;
  auto prototype = _prototypes.findById(type.prototypeId.value_or(0));
  return "prototype " + (prototype ? prototype->code : std::to_string(type.prototypeId.value_or(0)));
}

std::set<std::string> CredentialCatalog::secretNames(const std::vector<PrototypeField>& fields,
                                                     const std::map<std::string, std::string>& values) const {
  std::set<std::string> out;
  for (const auto& [key, value] : values) {
    bool secret = isSecretField("", key);
    for (const PrototypeField& f : fields)
      if (f.keyword == key) secret = f.secret;
    if (secret) out.insert(key);
  }
  return out;
}

int64_t CredentialCatalog::createType(CredentialType type) {
  if (type.prototypeId.has_value() == type.pluginType.has_value())
    throw UsageException("credential-type:create needs either --prototype or --plugin");
  if (type.prototypeId) {
    auto prototype = _prototypes.findById(*type.prototypeId);
    if (!prototype) throw ValidationException("prototype", "no credential prototype with id " + std::to_string(*type.prototypeId));
    if (type.provides.empty()) type.provides = prototype->code;
  } else if (type.provides.empty()) {
    type.provides = *type.pluginType;
  }
  const auto fields = fieldsOf(type);
  validateFieldValues(fields, type.settings, false, "credential type '" + type.name + "'");
  type.secretSettings = secretNames(fields, type.settings);
  const int64_t id = _credentials.createType(type);
  AuditRepository(_database).record("credential-type.create", "credential type " + std::to_string(id), type.companyId,
                                    type.name);
  return id;
}

void CredentialCatalog::updateType(CredentialType type) {
  const auto fields = fieldsOf(type);
  validateFieldValues(fields, type.settings, false, "credential type '" + type.name + "'");
  type.secretSettings = secretNames(fields, type.settings);
  _credentials.updateType(type);
  AuditRepository(_database).record("credential-type.update", "credential type " + std::to_string(type.id),
                                    type.companyId, type.name);
}

CredentialType CredentialCatalog::typeOf(const Credential& credential) {
  auto type = _credentials.findType(credential.typeId);
  if (!type)
    throw ValidationException("credential_type_id", "no credential type with id " + std::to_string(credential.typeId));
  return *type;
}

std::vector<PrototypeField> CredentialCatalog::checkCredential(const Credential& credential,
                                                                const CredentialType& type) {
  auto fields = fieldsOf(type);
  const std::string what = "credential type '" + type.name + "'";
  validateFieldValues(fields, credential.values, false, what);
  const auto merged = mergedValues(fields, type.settings, credential.values);
  validateFieldValues(fields, merged, true, what);
  if (type.pluginType) _plugins->credentialType(*type.pluginType).requireValid(configJson(merged));
  return fields;
}

int64_t CredentialCatalog::createCredential(Credential credential) {
  const CredentialType type = typeOf(credential);
  if (credential.companyId == 0) credential.companyId = type.companyId;
  credential.secretKeys = secretNames(checkCredential(credential, type), credential.values);
  const int64_t id = _credentials.create(credential);
  AuditRepository(_database).record("credential.create", "credential " + std::to_string(id), credential.companyId,
                                    credential.name);
  return id;
}

void CredentialCatalog::updateCredential(Credential credential) {
  const CredentialType type = typeOf(credential);
  credential.secretKeys = secretNames(checkCredential(credential, type), credential.values);
  _credentials.update(credential);
  AuditRepository(_database).record("credential.update", "credential " + std::to_string(credential.id),
                                    credential.companyId, credential.name);
}

std::string CredentialCatalog::assign(const RunTemplate& runTemplate, const Application& app, int64_t credentialId,
                                      const std::optional<std::string>& requirement, bool extra) {
  auto credential = _credentials.find(credentialId);
  if (!credential) throw ValidationException("credential_id", "no credential with id " + std::to_string(credentialId));
  // A job gets the values of what is bound: only the template's own company's.
  if (credential->companyId != runTemplate.companyId)
    throw ValidationException("credential_id", "credential " + std::to_string(credentialId) +
                                                   " belongs to another company than run template " +
                                                   std::to_string(runTemplate.id));
  const CredentialType type = typeOf(*credential);
  const std::string wanted = requirement.value_or(type.provides);
  std::string spelled = wanted;
  bool listed = false;
  std::string known;
  for (const std::string& code : app.requirements) {
    known += (known.empty() ? "" : ", ") + code;
    if (requirementKey(code) == requirementKey(wanted)) {
      listed = true;
      spelled = code;
    }
  }
  if (!listed && !extra)
    throw ValidationException("credential_id", "application '" + app.name + "' does not require '" + wanted +
                              "' (its requirements: " + (known.empty() ? "none" : known) +
                              "); use --requirement CODE, or --extra to add it anyway");
  _credentials.bind(runTemplate.id, credentialId, spelled);
  return spelled;
}

std::vector<CredentialVariable> CredentialCatalog::variables(const Credential& credential, int64_t jobId) {
  const CredentialType type = typeOf(credential);
  const auto fields = fieldsOf(type);
  const auto merged = mergedValues(fields, type.settings, credential.values);
  std::vector<CredentialVariable> out;
  if (!type.pluginType) {
    const std::set<std::string> secret = secretNames(fields, merged);
    for (const auto& [k, v] : merged) out.push_back(CredentialVariable{k, v, secret.count(k) > 0});
    return out;
  }
  if (!_plugins) throw PluginException("plugins are not loaded: credential type '" + type.name + "' needs them");
  out = _plugins->credentialType(*type.pluginType).resolve(credential.companyId, jobId, configJson(merged));
  for (CredentialVariable& v : out) {
    v.secret = v.secret || isSecretField("", v.name);
    if (isForbiddenName(v.name))
      throw PluginException("credential type '" + *type.pluginType + "' gave the variable '" + v.name +
                            "', which no job may get from a credential");
    if (v.value.find('\0') != std::string::npos)
      throw PluginException("credential type '" + *type.pluginType + "' gave " + v.name + " a value with a NUL byte");
  }
  return out;
}

std::vector<CredentialVariable> CredentialCatalog::variablesOfTemplate(int64_t runtemplateId, int64_t jobId) {
  std::vector<CredentialVariable> out;
  for (const CredentialBinding& binding : _credentials.bindings(runtemplateId)) {
    try {
      auto credential = _credentials.find(binding.credentialId);
      if (!credential) throw NotFoundException("it is gone");
      auto vars = variables(*credential, jobId);
      out.insert(out.end(), std::make_move_iterator(vars.begin()), std::make_move_iterator(vars.end()));
    } catch (const Poco::Exception& e) {
      throw MultiFlexiException("credential '" + binding.credentialName + "' (id " +
                                std::to_string(binding.credentialId) + ", requirement " + binding.requirement +
                                "): " + e.message());
    }
  }
  return out;
}

Credential CredentialCatalog::credential(int64_t id) {
  auto c = _credentials.find(id);
  if (!c) throw NotFoundException("no credential with id " + std::to_string(id));
  return *c;
}

Credential CredentialCatalog::reveal(int64_t id) {
  const Credential c = credential(id);
  AuditRepository(_database).record("credential.reveal", "credential " + std::to_string(c.id), c.companyId,
                                    "fields: " + std::to_string(c.secretKeys.size()) + " secret");
  return c;
}

void CredentialCatalog::removeCredential(int64_t id) {
  const Credential c = credential(id);
  _credentials.remove(id);
  AuditRepository(_database).record("credential.delete", "credential " + std::to_string(id), c.companyId, c.name);
}

void CredentialCatalog::removeType(int64_t id) {
  const CredentialType t = type(id);
  _credentials.removeType(id);
  AuditRepository(_database).record("credential-type.delete", "credential type " + std::to_string(id), t.companyId,
                                    t.name);
}

PrototypeSaved CredentialCatalog::importPrototype(const CredentialPrototype& prototype) {
  const PrototypeSaved saved = _prototypes.save(prototype);
  AuditRepository(_database).record(saved.created ? "credential-prototype.create" : "credential-prototype.update",
                                    "credential prototype " + std::to_string(saved.id), std::nullopt, prototype.code);
  return saved;
}

void CredentialCatalog::removePrototype(int64_t id) {
  const CredentialPrototype p = prototype(PrototypeKey{id, {}, {}});
  _prototypes.remove(id);
  AuditRepository(_database).record("credential-prototype.delete", "credential prototype " + std::to_string(id),
                                    std::nullopt, p.code);
}

Credential CredentialCatalog::updateCredential(int64_t id, const CredentialChanges& changes) {
  Credential c = credential(id);
  if (changes.name) c.name = *changes.name;
  for (const auto& [k, v] : changes.values) c.values[k] = v;
  for (const auto& key : changes.unset)
    if (c.values.erase(key) == 0) throw ValidationException("unset-field", "the credential has no value '" + key + "'");
  updateCredential(c);
  return credential(id);
}

CredentialType CredentialCatalog::updateType(int64_t id, const CredentialChanges& changes) {
  CredentialType t = type(id);
  if (changes.name) t.name = *changes.name;
  if (changes.provides) t.provides = *changes.provides;
  for (const auto& [k, v] : changes.values) t.settings[k] = v;
  for (const auto& key : changes.unset)
    if (t.settings.erase(key) == 0) throw ValidationException("unset-setting", "the type has no setting '" + key + "'");
  updateType(t);
  return type(id);
}

CredentialType CredentialCatalog::type(int64_t id) {
  auto t = _credentials.findType(id);
  if (!t) throw NotFoundException("no credential type with id " + std::to_string(id));
  return *t;
}

CredentialPrototype CredentialCatalog::prototype(const PrototypeKey& key) {
  std::optional<CredentialPrototype> p;
  std::string what;
  if (key.id) {
    p = _prototypes.findById(*key.id);
    what = "id " + std::to_string(*key.id);
  } else if (key.uuid) {
    p = _prototypes.findByUuid(*key.uuid);
    what = "uuid " + *key.uuid;
  } else if (key.code) {
    p = _prototypes.findByCode(*key.code);
    what = "code '" + *key.code + "'";
  } else {
    throw ValidationException("id", "name the credential prototype by id, uuid or code");
  }
  if (!p) throw NotFoundException("no credential prototype with " + what);
  return *p;
}

int64_t CredentialCatalog::prototypeIdOf(const std::string& field, const std::string& codeOrId) {
  Poco::Int64 id = 0;
  auto found = Poco::NumberParser::tryParse64(codeOrId, id) ? _prototypes.findById(id) : _prototypes.findByCode(codeOrId);
  if (!found) throw ValidationException(field, "no credential prototype '" + codeOrId + "'");
  return found->id;
}

}  // namespace MultiFlexi
