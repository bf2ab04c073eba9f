#include "store/CredentialRepository.h"

#include "common/Exceptions.h"
#include "store/SealedValues.h"
#include "store/Sql.h"
#include "store/Transaction.h"

#include <algorithm>

namespace MultiFlexi {

using Sql::value;

namespace {

CredentialType readType(Poco::Data::Session& s, Database& db, const Poco::Data::RecordSet& rs, std::size_t row) {
  using namespace Sql;
  CredentialType t;
  t.id = integer(rs, "id", row);
  t.companyId = integer(rs, "company_id", row);
  t.name = text(rs, "name", row);
  t.prototypeId = optInteger(rs, "prototype_id", row);
  t.pluginType = optText(rs, "plugin_type", row);
  t.provides = text(rs, "provides", row);
  t.createdAt = integer(rs, "created_at", row);
  t.updatedAt = integer(rs, "updated_at", row);
  OwnedValues settings = loadOwnedValues(s, db, kCredentialTypeSettings, t.companyId, t.id);
  t.settings = std::move(settings.values);
  t.secretSettings = std::move(settings.secret);
  return t;
}

Credential readCredential(Poco::Data::Session& s, Database& db, const Poco::Data::RecordSet& rs, std::size_t row) {
  using namespace Sql;
  Credential c;
  c.id = integer(rs, "id", row);
  c.companyId = integer(rs, "company_id", row);
  c.typeId = integer(rs, "credential_type_id", row);
  c.name = text(rs, "name", row);
  c.createdAt = integer(rs, "created_at", row);
  c.updatedAt = integer(rs, "updated_at", row);
  OwnedValues values = loadOwnedValues(s, db, kCredentialValues, c.companyId, c.id);
  c.values = std::move(values.values);
  c.secretKeys = std::move(values.secret);
  return c;
}

void checkNameFree(Poco::Data::Session& s, const char* table, int64_t companyId, const std::string& name, int64_t id) {
  if (Sql::scalar(s, std::string("SELECT COUNT(*) FROM ") + table + " WHERE company_id = ? AND name = ? AND id <> ?",
                  {value(companyId), value(name), value(id)}) == 0)
    return;
  std::string kind = table;  // "credential_type" -> "credential type"
  std::replace(kind.begin(), kind.end(), '_', ' ');
  throw ConflictException("name", "'" + name + "' is already taken by another " + kind + " of this company");
}

}  // namespace

int64_t CredentialRepository::createType(const CredentialType& t) {
  validateCredentialName(t.name, "--name");
  return inTransaction(_db, [&](Poco::Data::Session& s) {
    if (Sql::scalar(s, "SELECT COUNT(*) FROM company WHERE id = ?", {value(t.companyId)}) == 0)
      throw ValidationException("company_id", "no company with id " + std::to_string(t.companyId));
    checkNameFree(s, "credential_type", t.companyId, t.name, 0);
    const Instant now = nowMs();
    const int64_t id = Sql::insert(s,
                                   "INSERT INTO credential_type (company_id, name, prototype_id, plugin_type, provides, "
                                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                   {value(t.companyId), value(t.name), value(t.prototypeId), value(t.pluginType),
                                    value(t.provides), value(now), value(now)});
    saveOwnedValues(s, _db, kCredentialTypeSettings, t.companyId, id, t.settings, t.secretSettings);
    return id;
  });
}

void CredentialRepository::updateType(const CredentialType& t) {
  validateCredentialName(t.name, "--name");
  inTransaction(_db, [&](Poco::Data::Session& s) {
    checkNameFree(s, "credential_type", t.companyId, t.name, t.id);
    if (Sql::execute(s, "UPDATE credential_type SET name = ?, provides = ?, updated_at = ? WHERE id = ?",
                     {value(t.name), value(t.provides), value(nowMs()), value(t.id)}) == 0)
      throw NotFoundException("no credential type with id " + std::to_string(t.id));
    saveOwnedValues(s, _db, kCredentialTypeSettings, t.companyId, t.id, t.settings, t.secretSettings);
  });
}

std::optional<CredentialType> CredentialRepository::findType(int64_t id) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT * FROM credential_type WHERE id = ?", {value(id)});
  if (rs.rowCount() == 0) return std::nullopt;
  return readType(s, _db, rs, 0);
}

std::vector<CredentialType> CredentialRepository::listTypes(std::optional<int64_t> companyId) {
  Poco::Data::Session s = _db.session();
  auto rs = companyId ? Sql::query(s, "SELECT * FROM credential_type WHERE company_id = ? ORDER BY id", {value(*companyId)})
                      : Sql::query(s, "SELECT * FROM credential_type ORDER BY id");
  std::vector<CredentialType> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.push_back(readType(s, _db, rs, r));
  return out;
}

void CredentialRepository::removeType(int64_t id) {
  inTransaction(_db, [&](Poco::Data::Session& s) {
    if (Sql::scalar(s, "SELECT COUNT(*) FROM credential_type WHERE id = ?", {value(id)}) == 0)
      throw NotFoundException("no credential type with id " + std::to_string(id));
    auto used = Sql::query(s, "SELECT id FROM credential WHERE credential_type_id = ? ORDER BY id", {value(id)});
    if (used.rowCount() > 0)
      throw ConflictException("credential type " + std::to_string(id) + " has credential(s) " + Sql::idList(used) +
                              ": remove them first");
    Sql::execute(s, "DELETE FROM credential_type WHERE id = ?", {value(id)});
  });
}

int64_t CredentialRepository::create(const Credential& c) {
  validateCredentialName(c.name, "--name");
  return inTransaction(_db, [&](Poco::Data::Session& s) {
    auto type = Sql::query(s, "SELECT company_id FROM credential_type WHERE id = ?", {value(c.typeId)});
    if (type.rowCount() == 0)
      throw ValidationException("credential_type_id", "no credential type with id " + std::to_string(c.typeId));
    if (Sql::integer(type, "company_id", 0) != c.companyId)
      throw ValidationException("credential_type_id", "credential type " + std::to_string(c.typeId) +
                                " belongs to company " + std::to_string(Sql::integer(type, "company_id", 0)) +
                                ", not to company " + std::to_string(c.companyId));
    checkNameFree(s, "credential", c.companyId, c.name, 0);
    const Instant now = nowMs();
    const int64_t id = Sql::insert(s,
                                   "INSERT INTO credential (company_id, credential_type_id, name, created_at, updated_at) "
                                   "VALUES (?, ?, ?, ?, ?) RETURNING id",
                                   {value(c.companyId), value(c.typeId), value(c.name), value(now), value(now)});
    saveOwnedValues(s, _db, kCredentialValues, c.companyId, id, c.values, c.secretKeys);
    return id;
  });
}

void CredentialRepository::update(const Credential& c) {
  validateCredentialName(c.name, "--name");
  inTransaction(_db, [&](Poco::Data::Session& s) {
    checkNameFree(s, "credential", c.companyId, c.name, c.id);
    if (Sql::execute(s, "UPDATE credential SET name = ?, updated_at = ? WHERE id = ?",
                     {value(c.name), value(nowMs()), value(c.id)}) == 0)
      throw NotFoundException("no credential with id " + std::to_string(c.id));
    saveOwnedValues(s, _db, kCredentialValues, c.companyId, c.id, c.values, c.secretKeys);
  });
}

std::optional<Credential> CredentialRepository::find(int64_t id) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT * FROM credential WHERE id = ?", {value(id)});
  if (rs.rowCount() == 0) return std::nullopt;
  return readCredential(s, _db, rs, 0);
}

std::vector<Credential> CredentialRepository::list(std::optional<int64_t> companyId, std::optional<int64_t> typeId) {
  Poco::Data::Session s = _db.session();
  std::string sql = "SELECT * FROM credential WHERE 1 = 1";
  Sql::Bindings b;
  if (companyId) {
    sql += " AND company_id = ?";
    b.push_back(value(*companyId));
  }
  if (typeId) {
    sql += " AND credential_type_id = ?";
    b.push_back(value(*typeId));
  }
  auto rs = Sql::query(s, sql + " ORDER BY id", b);
  std::vector<Credential> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.push_back(readCredential(s, _db, rs, r));
  return out;
}

namespace {
// A page by id of `table`'s rows of these companies (all when nullopt), each read by `read`.
template <class Read>
auto pageOfCompanies(Database& db, const std::string& table, const std::optional<std::vector<int64_t>>& companyIds,
                     int64_t limit, int64_t offset, Read read) {
  Poco::Data::Session s = db.session();
  Sql::Bindings b;
  std::string sql = "SELECT * FROM " + table + " WHERE 1 = 1";
  if (companyIds) sql += Sql::andIn("company_id", *companyIds, b);
  b.push_back(value(limit));
  b.push_back(value(offset));
  auto rs = Sql::query(s, sql + " ORDER BY id LIMIT ? OFFSET ?", b);
  std::vector<decltype(read(s, db, rs, std::size_t{0}))> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.push_back(read(s, db, rs, r));
  return out;
}
}  // namespace

std::vector<Credential> CredentialRepository::listOf(const std::optional<std::vector<int64_t>>& companyIds,
                                                    int64_t limit, int64_t offset) {
  return pageOfCompanies(_db, "credential", companyIds, limit, offset, readCredential);
}

std::vector<CredentialType> CredentialRepository::listTypesOf(const std::optional<std::vector<int64_t>>& companyIds,
                                                              int64_t limit, int64_t offset) {
  return pageOfCompanies(_db, "credential_type", companyIds, limit, offset, readType);
}

void CredentialRepository::remove(int64_t id) {
  inTransaction(_db, [&](Poco::Data::Session& s) {
    if (Sql::scalar(s, "SELECT COUNT(*) FROM credential WHERE id = ?", {value(id)}) == 0)
      throw NotFoundException("no credential with id " + std::to_string(id));
    auto used = Sql::query(s, "SELECT runtemplate_id AS id FROM runtemplate_credential WHERE credential_id = ? ORDER BY 1",
                           {value(id)});
    if (used.rowCount() > 0)
      throw ConflictException("credential " + std::to_string(id) + " is assigned to run template(s) " +
                              Sql::idList(used) + ": unassign it first (run-template:unassign-credential)");
    Sql::execute(s, "DELETE FROM credential WHERE id = ?", {value(id)});
  });
}

void CredentialRepository::bind(int64_t runtemplateId, int64_t credentialId, const std::string& requirement) {
  inTransaction(_db, [&](Poco::Data::Session& s) {
    auto t = Sql::query(s, "SELECT company_id FROM runtemplate WHERE id = ?", {value(runtemplateId)});
    if (t.rowCount() == 0) throw NotFoundException("no run template with id " + std::to_string(runtemplateId));
    auto c = Sql::query(s, "SELECT company_id FROM credential WHERE id = ?", {value(credentialId)});
    if (c.rowCount() == 0)
      throw ValidationException("credential_id", "no credential with id " + std::to_string(credentialId));
    if (Sql::integer(t, "company_id", 0) != Sql::integer(c, "company_id", 0))
      throw ValidationException("credential_id", "credential " + std::to_string(credentialId) +
                                " belongs to another company than run template " + std::to_string(runtemplateId));
    const std::string key = requirementKey(requirement);
    Sql::execute(s, "DELETE FROM runtemplate_credential WHERE runtemplate_id = ? AND requirement = ?",
                 {value(runtemplateId), value(key)});
    Sql::execute(s, "INSERT INTO runtemplate_credential (runtemplate_id, credential_id, requirement) VALUES (?, ?, ?)",
                 {value(runtemplateId), value(credentialId), value(key)});
  });
}

void CredentialRepository::unbind(int64_t runtemplateId, int64_t credentialId) {
  inTransaction(_db, [&](Poco::Data::Session& s) {
    if (Sql::execute(s, "DELETE FROM runtemplate_credential WHERE runtemplate_id = ? AND credential_id = ?",
                     {value(runtemplateId), value(credentialId)}) == 0)
      throw NotFoundException("credential " + std::to_string(credentialId) + " is not assigned to run template " +
                              std::to_string(runtemplateId));
  });
}

std::vector<CredentialBinding> CredentialRepository::bindings(int64_t runtemplateId) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s,
                       "SELECT b.requirement, c.id AS credential_id, c.name AS credential_name, t.id AS type_id, "
                       "t.name AS type_name FROM runtemplate_credential b JOIN credential c ON c.id = b.credential_id "
                       "JOIN credential_type t ON t.id = c.credential_type_id WHERE b.runtemplate_id = ? "
                       "ORDER BY b.requirement",
                       {value(runtemplateId)});
  std::vector<CredentialBinding> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    CredentialBinding b;
    b.runtemplateId = runtemplateId;
    b.requirement = Sql::text(rs, "requirement", r);
    b.credentialId = Sql::integer(rs, "credential_id", r);
    b.credentialName = Sql::text(rs, "credential_name", r);
    b.typeId = Sql::integer(rs, "type_id", r);
    b.typeName = Sql::text(rs, "type_name", r);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace MultiFlexi
