#include "store/SealedValues.h"

#include "store/KeyRepository.h"
#include "domain/Application.h"
#include "domain/CredentialPrototype.h"
#include "store/Sql.h"

namespace MultiFlexi {

using Sql::value;

const ValueTable kCredentialValues{"credential_value", "credential_id", "keyword", "credential"};
const ValueTable kCredentialTypeSettings{"credential_type_setting", "credential_type_id", "keyword", "credential_type"};
const ValueTable kRunTemplateConfig{"runtemplate_config", "runtemplate_id", "name", "runtemplate_config"};

std::set<std::string> secretEnvironmentNames(Poco::Data::Session& s, int64_t appId,
                                             const std::map<std::string, std::string>& values) {
  auto fields = Sql::query(s, "SELECT keyname, type, secret FROM app_env_field WHERE app_id = ?", {value(appId)});
  std::map<std::string, bool> manifestSecret;
  for (std::size_t r = 0; r < fields.rowCount(); ++r) {
    EnvField f;
    f.key = Sql::text(fields, "keyname", r);
    f.type = Sql::optText(fields, "type", r);
    f.secret = Sql::optBoolean(fields, "secret", r);
    manifestSecret[f.key] = f.isSecret();
  }
  std::set<std::string> secret;
  for (const auto& [name, val] : values) {
    auto it = manifestSecret.find(name);
    if (it != manifestSecret.end() ? it->second : isSecretField("", name)) secret.insert(name);
  }
  return secret;
}

namespace {

/// The names the owner has stored sealed now.
std::set<std::string> sealedNames(Poco::Data::Session& s, const ValueTable& t, int64_t owner) {
  auto rs = Sql::query(s,
                       std::string("SELECT ") + t.nameColumn + " AS name FROM " + t.table + " WHERE " + t.ownerColumn +
                           " = ? AND key_version IS NOT NULL",
                       {value(owner)});
  std::set<std::string> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.insert(Sql::text(rs, "name", r));
  return out;
}

}  // namespace

void saveOwnedValues(Poco::Data::Session& s, Database& database, const ValueTable& t, int64_t tenant, int64_t owner,
                     const std::map<std::string, std::string>& values, const std::set<std::string>& secret) {
  const std::set<std::string> wasSealed = sealedNames(s, t, owner);  // these stay sealed
  Sql::execute(s, std::string("DELETE FROM ") + t.table + " WHERE " + t.ownerColumn + " = ?", {value(owner)});
  const std::string insert = std::string("INSERT INTO ") + t.table + " (" + t.ownerColumn + ", " + t.nameColumn +
                             ", value, key_version) VALUES (?, ?, ?, ?)";
  std::optional<int> version;  // read once, in this transaction
  for (const auto& [name, plain] : values) {
    if (!secret.count(name) && !wasSealed.count(name)) {
      Sql::execute(s, insert, {value(owner), value(name), value(plain), value(std::optional<int64_t>())});
      continue;
    }
    if (!version) version = KeyRepository::currentVersion(s);
    const SealedValue sealed = database.keyRing().seal(*version, plain, SealContext(t.kind, tenant, owner, name));
    Sql::execute(s, insert,
                 {value(owner), value(name), value(sealed.text), value(std::optional<int64_t>(sealed.version))});
  }
}

OwnedValues loadOwnedValues(Poco::Data::Session& s, Database& database, const ValueTable& t, int64_t tenant,
                            int64_t owner) {
  auto rs = Sql::query(s,
                       std::string("SELECT ") + t.nameColumn + " AS name, value, key_version FROM " + t.table +
                           " WHERE " + t.ownerColumn + " = ? ORDER BY " + t.nameColumn,
                       {value(owner)});
  OwnedValues out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    const std::string name = Sql::text(rs, "name", r);
    if (!Sql::optInteger(rs, "key_version", r)) {
      out.values[name] = Sql::text(rs, "value", r);
      continue;
    }
    out.values[name] = database.keyRing().unseal(Sql::text(rs, "value", r), SealContext(t.kind, tenant, owner, name));
    out.secret.insert(name);
  }
  return out;
}

}  // namespace MultiFlexi
