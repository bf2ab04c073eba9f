#include "store/ApplicationRepository.h"

#include "common/Exceptions.h"
#include "store/Sql.h"
#include "store/Transaction.h"

#include <nlohmann/json.hpp>

namespace MultiFlexi {

using Sql::value;

namespace {

const char* kColumns =
    "id, uuid, name, name_json, title_json, description_json, version, executable, cmdparams, "
    "cmdparams_template, setup, deploy, ociimage, homepage, image, author, license, category, "
    "schema_version, schema_url, requirements_json, tags_json, kubernetes_json, events_json, "
    "extra_json, enabled, created_at, updated_at";

std::string toJson(const std::vector<std::string>& list) { return nlohmann::json(list).dump(); }
std::vector<std::string> fromJson(const std::string& text) {
  return nlohmann::json::parse(text).get<std::vector<std::string>>();
}

Application readRow(const Poco::Data::RecordSet& rs, std::size_t row) {
  using namespace Sql;
  Application a;
  a.id = integer(rs, "id", row);
  a.uuid = optText(rs, "uuid", row);
  a.name = text(rs, "name", row);
  a.nameJson = text(rs, "name_json", row);
  a.titleJson = optText(rs, "title_json", row);
  a.descriptionJson = text(rs, "description_json", row);
  a.version = optText(rs, "version", row);
  a.executable = text(rs, "executable", row);
  a.cmdparams = optText(rs, "cmdparams", row);
  a.cmdparamsTemplate = optText(rs, "cmdparams_template", row);
  a.setup = optText(rs, "setup", row);
  a.deploy = optText(rs, "deploy", row);
  a.ociimage = optText(rs, "ociimage", row);
  a.homepage = optText(rs, "homepage", row);
  a.image = optText(rs, "image", row);
  a.author = optText(rs, "author", row);
  a.license = optText(rs, "license", row);
  a.category = optText(rs, "category", row);
  a.schemaVersion = optText(rs, "schema_version", row);
  a.schemaUrl = optText(rs, "schema_url", row);
  a.requirements = fromJson(text(rs, "requirements_json", row));
  a.tags = fromJson(text(rs, "tags_json", row));
  a.kubernetesJson = optText(rs, "kubernetes_json", row);
  a.eventsJson = optText(rs, "events_json", row);
  a.extraJson = optText(rs, "extra_json", row);
  a.enabled = boolean(rs, "enabled", row);
  a.createdAt = integer(rs, "created_at", row);
  a.updatedAt = integer(rs, "updated_at", row);
  return a;
}

Sql::Bindings contentBindings(const Application& a) {
  return {value(a.uuid),          value(a.name),          value(a.nameJson),
          value(a.titleJson),     value(a.descriptionJson), value(a.version),
          value(a.executable),    value(a.cmdparams),     value(a.cmdparamsTemplate),
          value(a.setup),         value(a.deploy),        value(a.ociimage),
          value(a.homepage),      value(a.image),         value(a.author),
          value(a.license),       value(a.category),      value(a.schemaVersion),
          value(a.schemaUrl),     value(toJson(a.requirements)), value(toJson(a.tags)),
          value(a.kubernetesJson), value(a.eventsJson),   value(a.extraJson)};
}

}  // namespace

std::optional<Application> ApplicationRepository::findOne(const std::string& where, Sql::Binding key) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, std::string("SELECT ") + kColumns + " FROM application WHERE " + where, {key});
  if (rs.rowCount() == 0) return std::nullopt;
  Application app = readRow(rs, 0);
  loadChildren(s, app);
  return app;
}

std::optional<Application> ApplicationRepository::findById(int64_t id) {
  return findOne("id = ?", value(id));
}
std::optional<Application> ApplicationRepository::findByUuid(const std::string& uuid) {
  return findOne("LOWER(uuid) = LOWER(?)", value(uuid));
}
std::optional<Application> ApplicationRepository::findByName(const std::string& name) {
  return findOne("name = ?", value(name));
}

std::vector<Application> ApplicationRepository::list(int64_t limit, int64_t offset) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, std::string("SELECT ") + kColumns + " FROM application ORDER BY id LIMIT ? OFFSET ?",
                       {value(limit), value(offset)});
  std::vector<Application> out;
  for (std::size_t row = 0; row < rs.rowCount(); ++row) out.push_back(readRow(rs, row));
  return out;
}

int64_t ApplicationRepository::count() {
  Poco::Data::Session s = _db.session();
  return Sql::scalar(s, "SELECT COUNT(*) FROM application");
}

void ApplicationRepository::loadChildren(Poco::Data::Session& s, Application& app) {
  using namespace Sql;
  auto env = query(s, "SELECT * FROM app_env_field WHERE app_id = ? ORDER BY position", {value(app.id)});
  for (std::size_t r = 0; r < env.rowCount(); ++r)
    app.environment.push_back(EnvField{text(env, "keyname", r), optText(env, "type", r),
                                       optText(env, "category", r), optText(env, "description_json", r),
                                       optText(env, "hint_json", r), optText(env, "defval_json", r),
                                       optBoolean(env, "required", r), optBoolean(env, "secret", r),
                                       optText(env, "options_json", r), optText(env, "extra_json", r)});
  auto art = query(s, "SELECT * FROM app_artifact WHERE app_id = ? ORDER BY position", {value(app.id)});
  for (std::size_t r = 0; r < art.rowCount(); ++r)
    app.artifacts.push_back(ArtifactSpec{text(art, "name_json", r), text(art, "path", r),
                                         text(art, "type", r), optText(art, "description_json", r)});
  auto codes = query(s, "SELECT * FROM app_exit_code WHERE app_id = ? ORDER BY position", {value(app.id)});
  for (std::size_t r = 0; r < codes.rowCount(); ++r)
    app.exitCodes.push_back(ExitCodeSpec{static_cast<int>(integer(codes, "exit_code", r)),
                                         text(codes, "description_json", r), optText(codes, "severity", r),
                                         optBoolean(codes, "retry", r)});
  auto ports = query(s, "SELECT * FROM app_data_port WHERE app_id = ? ORDER BY direction, position",
                     {value(app.id)});
  for (std::size_t r = 0; r < ports.rowCount(); ++r) {
    DataPort p{text(ports, "name", r),          text(ports, "format", r),
               optText(ports, "description_json", r), optText(ports, "patterns_json", r),
               optBoolean(ports, "required", r), optText(ports, "extra_json", r)};
    (text(ports, "direction", r) == "produces" ? app.produces : app.consumes).push_back(std::move(p));
  }
}

void ApplicationRepository::saveChildren(Poco::Data::Session& s, const Application& app, int64_t id) {
  for (const char* table : {"app_env_field", "app_artifact", "app_exit_code", "app_data_port"})
    Sql::execute(s, std::string("DELETE FROM ") + table + " WHERE app_id = ?", {value(id)});
  int position = 0;
  for (const EnvField& f : app.environment)
    Sql::execute(s,
                 "INSERT INTO app_env_field (app_id, position, keyname, type, category, description_json, "
                 "hint_json, defval_json, required, secret, options_json, extra_json) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {value(id), value(position++), value(f.key), value(f.type), value(f.category),
                  value(f.descriptionJson), value(f.hintJson), value(f.defvalJson), value(f.required),
                  value(f.secret), value(f.optionsJson), value(f.extraJson)});
  position = 0;
  for (const ArtifactSpec& a : app.artifacts)
    Sql::execute(s,
                 "INSERT INTO app_artifact (app_id, position, name_json, path, type, description_json) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 {value(id), value(position++), value(a.nameJson), value(a.path), value(a.type),
                  value(a.descriptionJson)});
  position = 0;
  for (const ExitCodeSpec& c : app.exitCodes)
    Sql::execute(s,
                 "INSERT INTO app_exit_code (app_id, position, exit_code, description_json, severity, retry) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 {value(id), value(position++), value(c.code), value(c.descriptionJson), value(c.severity),
                  value(c.retry)});
  for (const auto& [direction, ports] : {std::pair{"produces", &app.produces}, std::pair{"consumes", &app.consumes}}) {
    position = 0;
    for (const DataPort& p : *ports)
      Sql::execute(s,
                   "INSERT INTO app_data_port (app_id, direction, position, name, format, description_json, "
                   "patterns_json, required, extra_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {value(id), value(std::string(direction)), value(position++), value(p.name), value(p.format),
                    value(p.descriptionJson), value(p.patternsJson), value(p.required), value(p.extraJson)});
  }
}

ApplicationRepository::Saved ApplicationRepository::upsert(const Application& app) {
  Poco::Data::Session s = _db.session();
  Transaction tx(s, _db.dialect());
  std::optional<int64_t> byUuid;
  if (app.uuid) {
    auto rs = Sql::query(s, "SELECT id FROM application WHERE LOWER(uuid) = LOWER(?)", {value(app.uuid)});
    if (rs.rowCount() > 0) byUuid = Sql::integer(rs, "id", 0);
  }
  auto named = Sql::query(s, "SELECT id, uuid FROM application WHERE name = ?", {value(app.name)});
  const std::optional<int64_t> byName =
      named.rowCount() > 0 ? std::optional<int64_t>(Sql::integer(named, "id", 0)) : std::nullopt;
  if (!byUuid && byName && app.uuid) {
    const auto existingUuid = Sql::optText(named, "uuid", 0);
    if (existingUuid && !existingUuid->empty())
      throw ConflictException("application name '" + app.name + "' is already used by application id " +
                              std::to_string(*byName) + " with uuid " + *existingUuid +
                              ", but the manifest has uuid " + *app.uuid + ": two applications cannot share a name");
  }
  if (byUuid && byName && *byUuid != *byName)
    throw ConflictException("application name '" + app.name + "' is already used by application id " +
                            std::to_string(*byName) + ", while uuid " + *app.uuid + " belongs to id " +
                            std::to_string(*byUuid));
  const Instant now = nowMs();
  Saved saved{0, false};
  Sql::Bindings b = contentBindings(app);
  if (const auto existing = byUuid ? byUuid : byName) {
    b.push_back(value(now));
    b.push_back(value(*existing));
    Sql::execute(s,
                 "UPDATE application SET uuid = ?, name = ?, name_json = ?, title_json = ?, description_json = ?, "
                 "version = ?, executable = ?, cmdparams = ?, cmdparams_template = ?, setup = ?, deploy = ?, "
                 "ociimage = ?, homepage = ?, image = ?, author = ?, license = ?, category = ?, "
                 "schema_version = ?, schema_url = ?, requirements_json = ?, tags_json = ?, "
                 "kubernetes_json = ?, events_json = ?, extra_json = ?, updated_at = ? WHERE id = ?",
                 b);
    saved = {*existing, false};
  } else {
    b.push_back(value(app.enabled));
    b.push_back(value(now));
    b.push_back(value(now));
    saved.id = Sql::insert(s,
                           "INSERT INTO application (uuid, name, name_json, title_json, description_json, version, "
                           "executable, cmdparams, cmdparams_template, setup, deploy, ociimage, homepage, image, "
                           "author, license, category, schema_version, schema_url, requirements_json, tags_json, "
                           "kubernetes_json, events_json, extra_json, enabled, created_at, updated_at) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "RETURNING id",
                           b);
    saved.created = true;
  }
  saveChildren(s, app, saved.id);
  tx.commit();
  return saved;
}

void ApplicationRepository::remove(int64_t id) {
  Poco::Data::Session s = _db.session();
  Transaction tx(s, _db.dialect());
  auto app = Sql::query(s, "SELECT name FROM application WHERE id = ?", {value(id)});
  if (app.rowCount() == 0) throw NotFoundException("no application with id " + std::to_string(id));
  auto users = Sql::query(s, "SELECT id FROM runtemplate WHERE app_id = ? ORDER BY id", {value(id)});
  if (users.rowCount() > 0)
    throw ConflictException("application '" + Sql::text(app, "name", 0) + "' (id " + std::to_string(id) +
                            ") is used by " + std::to_string(users.rowCount()) + " run template(s) (id " +
                            Sql::idList(users) + "): delete them first, or deactivate them");
  Sql::execute(s, "DELETE FROM application WHERE id = ?", {value(id)});
  tx.commit();
}

}  // namespace MultiFlexi
