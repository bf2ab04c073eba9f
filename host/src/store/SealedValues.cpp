#include "store/SealedValues.h"

#include "crypto/KeyRing.h"
#include "store/Sql.h"

namespace MultiFlexi {

using Sql::value;

const ValueTable kCredentialValues{"credential_value", "credential_id", "keyword", "credential"};
const ValueTable kCredentialTypeSettings{"credential_type_setting", "credential_type_id", "keyword", "credential_type"};
const ValueTable kRunTemplateConfig{"runtemplate_config", "runtemplate_id", "name", "runtemplate_config"};

void saveOwnedValues(Poco::Data::Session& s, Database& database, const ValueTable& t, int64_t tenant, int64_t owner,
                     const std::map<std::string, std::string>& values, const std::set<std::string>& secret) {
  Sql::execute(s, std::string("DELETE FROM ") + t.table + " WHERE " + t.ownerColumn + " = ?", {value(owner)});
  const std::string insert = std::string("INSERT INTO ") + t.table + " (" + t.ownerColumn + ", " + t.nameColumn +
                             ", value, key_version) VALUES (?, ?, ?, ?)";
  for (const auto& [name, plain] : values) {
    if (!secret.count(name)) {
      Sql::execute(s, insert, {value(owner), value(name), value(plain), value(std::optional<int64_t>())});
      continue;
    }
    const SealedValue sealed = database.keyRing().seal(s, plain, SealContext(t.kind, tenant, owner, name));
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
    out.values[name] = database.keyRing().open(Sql::text(rs, "value", r), SealContext(t.kind, tenant, owner, name));
    out.secret.insert(name);
  }
  return out;
}

}  // namespace MultiFlexi
