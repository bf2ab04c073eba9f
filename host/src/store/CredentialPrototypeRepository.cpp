#include "store/CredentialPrototypeRepository.h"

#include "common/Exceptions.h"
#include "store/Transaction.h"

namespace MultiFlexi {

using Sql::value;

namespace {

CredentialPrototype readRow(const Poco::Data::RecordSet& rs, std::size_t row) {
  using namespace Sql;
  CredentialPrototype p;
  p.id = integer(rs, "id", row);
  p.uuid = text(rs, "uuid", row);
  p.code = text(rs, "code", row);
  p.name = text(rs, "name", row);
  p.nameJson = text(rs, "name_json", row);
  p.descriptionJson = optText(rs, "description_json", row);
  p.version = optText(rs, "version", row);
  p.logo = optText(rs, "logo", row);
  p.url = optText(rs, "url", row);
  p.homepage = optText(rs, "homepage", row);
  p.tagsJson = text(rs, "tags_json", row);
  p.format = text(rs, "format", row);
  p.extraJson = optText(rs, "extra_json", row);
  p.createdAt = integer(rs, "created_at", row);
  p.updatedAt = integer(rs, "updated_at", row);
  return p;
}

void loadFields(Poco::Data::Session& s, CredentialPrototype& p) {
  using namespace Sql;
  auto rs = query(s, "SELECT * FROM credential_prototype_field WHERE prototype_id = ? ORDER BY position",
                  {value(p.id)});
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    PrototypeField f;
    f.keyword = text(rs, "keyword", r);
    f.type = text(rs, "type", r);
    f.nameJson = optText(rs, "name_json", r);
    f.descriptionJson = optText(rs, "description_json", r);
    f.hintJson = optText(rs, "hint_json", r);
    f.defaultValue = optText(rs, "default_value", r);
    f.required = boolean(rs, "required", r);
    f.optionsJson = optText(rs, "options_json", r);
    f.secret = boolean(rs, "secret", r);
    f.extraJson = optText(rs, "extra_json", r);
    p.fields.push_back(std::move(f));
  }
}

void saveFields(Poco::Data::Session& s, int64_t id, const CredentialPrototype& p) {
  Sql::execute(s, "DELETE FROM credential_prototype_field WHERE prototype_id = ?", {value(id)});
  int position = 0;
  for (const PrototypeField& f : p.fields)
    Sql::execute(s,
                 "INSERT INTO credential_prototype_field (prototype_id, position, keyword, type, name_json, "
                 "description_json, hint_json, default_value, required, options_json, secret, extra_json) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {value(id), value(position++), value(f.keyword), value(f.type), value(f.nameJson),
                  value(f.descriptionJson), value(f.hintJson), value(f.defaultValue), value(f.required),
                  value(f.optionsJson), value(f.secret), value(f.extraJson)});
}

Sql::Bindings fieldBindings(const CredentialPrototype& p) {
  return {value(p.uuid),    value(p.code),     value(p.name),     value(p.nameJson), value(p.descriptionJson),
          value(p.version), value(p.logo),     value(p.url),      value(p.homepage), value(p.tagsJson),
          value(p.format),  value(p.extraJson)};
}

}  // namespace

PrototypeSaved CredentialPrototypeRepository::save(const CredentialPrototype& p) {
  return inTransaction(_db, [&](Poco::Data::Session& s) {
    auto byUuid = Sql::query(s, "SELECT id FROM credential_prototype WHERE LOWER(uuid) = LOWER(?)", {value(p.uuid)});
    auto byCode = Sql::query(s, "SELECT id FROM credential_prototype WHERE LOWER(code) = LOWER(?)", {value(p.code)});
    std::optional<int64_t> existing;
    if (byUuid.rowCount() > 0) existing = Sql::integer(byUuid, "id", 0);
    if (byCode.rowCount() > 0) {
      const int64_t codeOwner = Sql::integer(byCode, "id", 0);
      if (existing && *existing != codeOwner)
        throw ConflictException("code '" + p.code + "' belongs to credential prototype " + std::to_string(codeOwner) +
                                " while uuid " + p.uuid + " belongs to prototype " + std::to_string(*existing));
      existing = codeOwner;
    }
    const Instant now = nowMs();
    Sql::Bindings b = fieldBindings(p);
    PrototypeSaved saved;
    if (existing) {
      b.push_back(value(now));
      b.push_back(value(*existing));
      Sql::execute(s,
                   "UPDATE credential_prototype SET uuid = ?, code = ?, name = ?, name_json = ?, description_json = ?, "
                   "version = ?, logo = ?, url = ?, homepage = ?, tags_json = ?, format = ?, extra_json = ?, "
                   "updated_at = ? WHERE id = ?",
                   b);
      saved.id = *existing;
    } else {
      b.push_back(value(now));
      b.push_back(value(now));
      saved.id = Sql::insert(s,
                             "INSERT INTO credential_prototype (uuid, code, name, name_json, description_json, version, "
                             "logo, url, homepage, tags_json, format, extra_json, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                             b);
      saved.created = true;
    }
    saveFields(s, saved.id, p);
    return saved;
  });
}

std::optional<CredentialPrototype> CredentialPrototypeRepository::findOne(const std::string& where, Sql::Binding key) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT * FROM credential_prototype WHERE " + where, {key});
  if (rs.rowCount() == 0) return std::nullopt;
  CredentialPrototype p = readRow(rs, 0);
  loadFields(s, p);
  return p;
}

std::optional<CredentialPrototype> CredentialPrototypeRepository::findById(int64_t id) {
  return findOne("id = ?", value(id));
}
std::optional<CredentialPrototype> CredentialPrototypeRepository::findByUuid(const std::string& uuid) {
  return findOne("LOWER(uuid) = LOWER(?)", value(uuid));
}
std::optional<CredentialPrototype> CredentialPrototypeRepository::findByCode(const std::string& code) {
  return findOne("LOWER(code) = LOWER(?)", value(code));
}

std::vector<CredentialPrototype> CredentialPrototypeRepository::list() {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT * FROM credential_prototype ORDER BY code");
  std::vector<CredentialPrototype> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    out.push_back(readRow(rs, r));
    loadFields(s, out.back());
  }
  return out;
}

void CredentialPrototypeRepository::remove(int64_t id) {
  inTransaction(_db, [&](Poco::Data::Session& s) {
    if (Sql::scalar(s, "SELECT COUNT(*) FROM credential_prototype WHERE id = ?", {value(id)}) == 0)
      throw NotFoundException("no credential prototype with id " + std::to_string(id));
    auto types = Sql::query(s, "SELECT id FROM credential_type WHERE prototype_id = ? ORDER BY id", {value(id)});
    if (types.rowCount() > 0)
      throw ConflictException("credential prototype " + std::to_string(id) + " is used by credential type(s) " +
                              Sql::idList(types) + ": delete them first");
    Sql::execute(s, "DELETE FROM credential_prototype WHERE id = ?", {value(id)});
  });
}

}  // namespace MultiFlexi
