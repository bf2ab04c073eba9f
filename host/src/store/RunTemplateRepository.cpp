#include "store/RunTemplateRepository.h"

#include "common/Exceptions.h"
#include "store/SealedValues.h"
#include "store/Transaction.h"

namespace MultiFlexi {

using Sql::value;

namespace {

RunTemplate readRow(const Poco::Data::RecordSet& rs, std::size_t row) {
  using namespace Sql;
  RunTemplate t;
  t.id = integer(rs, "id", row);
  t.name = text(rs, "name", row);
  t.appId = integer(rs, "app_id", row);
  t.companyId = integer(rs, "company_id", row);
  t.interval = text(rs, "interv", row).at(0);
  t.cron = optText(rs, "cron", row);
  t.delaySeconds = static_cast<int>(integer(rs, "delay_seconds", row));
  t.timeZone = optText(rs, "time_zone", row);
  t.executor = text(rs, "executor", row);
  t.active = boolean(rs, "active", row);
  t.misfire = parseMisfire(text(rs, "misfire_policy", row));
  t.allowOverlap = boolean(rs, "allow_overlap", row);
  t.successCount = integer(rs, "success_count", row);
  t.failureCount = integer(rs, "failure_count", row);
  t.nextSchedule = optInteger(rs, "next_schedule", row);
  t.lastSchedule = optInteger(rs, "last_schedule", row);
  t.note = optText(rs, "note", row);
  t.ociimage = optText(rs, "ociimage", row);
  t.createdAt = integer(rs, "created_at", row);
  t.updatedAt = integer(rs, "updated_at", row);
  return t;
}

void loadConfig(Poco::Data::Session& s, Database& db, RunTemplate& t) {
  OwnedValues config = loadOwnedValues(s, db, kRunTemplateConfig, t.companyId, t.id);
  t.config = std::move(config.values);
  t.secretConfig = std::move(config.secret);
}

Sql::Bindings fieldBindings(const RunTemplate& t) {
  return {value(t.name),         value(t.appId),
          value(t.companyId),    value(std::string(1, t.interval)),
          value(t.cron),         value(t.delaySeconds),
          value(t.timeZone),     value(t.executor),
          value(t.active),       value(misfireName(t.misfire)),
          value(t.allowOverlap), value(t.note),
          value(t.ociimage)};
}

}  // namespace

void RunTemplateRepository::checkReferences(Poco::Data::Session& s, const RunTemplate& t) {
  if (Sql::scalar(s, "SELECT COUNT(*) FROM application WHERE id = ?", {value(t.appId)}) == 0)
    throw ValidationException("app_id", "no application with id " + std::to_string(t.appId));
  if (Sql::scalar(s, "SELECT COUNT(*) FROM company WHERE id = ?", {value(t.companyId)}) == 0)
    throw ValidationException("company_id", "no company with id " + std::to_string(t.companyId));
}

void RunTemplateRepository::saveConfig(Poco::Data::Session& s, const RunTemplate& t) {
  saveOwnedValues(s, _db, kRunTemplateConfig, t.companyId, t.id, t.config, secretEnvironmentNames(s, t.appId, t.config));
}

int64_t RunTemplateRepository::create(const RunTemplate& runTemplate) {
  validateRunTemplate(runTemplate, _envNames);
  Poco::Data::Session s = _db.session();
  Transaction tx(s, _db.dialect());
  checkReferences(s, runTemplate);
  Sql::Bindings b = fieldBindings(runTemplate);
  const Instant now = nowMs();
  b.push_back(value(now));
  b.push_back(value(now));
  RunTemplate saved = runTemplate;
  saved.id = Sql::insert(s,
                         "INSERT INTO runtemplate (name, app_id, company_id, interv, cron, delay_seconds, "
                         "time_zone, executor, active, misfire_policy, allow_overlap, note, ociimage, created_at, "
                         "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                         b);
  saveConfig(s, saved);
  tx.commit();
  return saved.id;
}

void RunTemplateRepository::update(const RunTemplate& runTemplate) {
  validateRunTemplate(runTemplate, _envNames);
  Poco::Data::Session s = _db.session();
  Transaction tx(s, _db.dialect());
  checkReferences(s, runTemplate);
  auto before = Sql::query(s, "SELECT interv, cron, time_zone, active FROM runtemplate WHERE id = ?",
                           {value(runTemplate.id)});
  const bool scheduleChanged =
      before.rowCount() > 0 &&
      (Sql::text(before, "interv", 0) != std::string(1, runTemplate.interval) ||
       Sql::optText(before, "cron", 0) != runTemplate.cron ||
       Sql::optText(before, "time_zone", 0) != runTemplate.timeZone ||
       Sql::boolean(before, "active", 0) != runTemplate.active);
  Sql::Bindings b = fieldBindings(runTemplate);
  b.push_back(value(nowMs()));
  b.push_back(value(runTemplate.id));
  const std::size_t changed = Sql::execute(
      s,
      "UPDATE runtemplate SET name = ?, app_id = ?, company_id = ?, interv = ?, cron = ?, delay_seconds = ?, "
      "time_zone = ?, executor = ?, active = ?, misfire_policy = ?, allow_overlap = ?, note = ?, "
      "ociimage = ?, updated_at = ? WHERE id = ?",
      b);
  if (changed == 0) throw NotFoundException("no run template with id " + std::to_string(runTemplate.id));
  if (Sql::scalar(s,
                  "SELECT COUNT(*) FROM runtemplate_credential b JOIN credential c ON c.id = b.credential_id "
                  "WHERE b.runtemplate_id = ? AND c.company_id <> ?",
                  {value(runTemplate.id), value(runTemplate.companyId)}) > 0)
    throw ConflictException("company_id", "the run template has credentials of its company assigned; unassign them "
                            "first (run-template:list-credentials --id " + std::to_string(runTemplate.id) + ")");
  if (scheduleChanged)  // the scheduler starts over from the first slot after now
    Sql::execute(s, "UPDATE runtemplate SET next_schedule = NULL WHERE id = ?", {value(runTemplate.id)});
  saveConfig(s, runTemplate);
  tx.commit();
}

std::optional<RunTemplate> RunTemplateRepository::findOne(const std::string& where, Sql::Binding key) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT * FROM runtemplate WHERE " + where + " ORDER BY id", {key});
  if (rs.rowCount() == 0) return std::nullopt;
  RunTemplate t = readRow(rs, 0);
  loadConfig(s, _db, t);
  return t;
}

std::optional<RunTemplate> RunTemplateRepository::findById(int64_t id) { return findOne("id = ?", value(id)); }
std::optional<RunTemplate> RunTemplateRepository::findByName(const std::string& name) {
  return findOne("name = ?", value(name));
}

const std::vector<std::string> RunTemplateRepository::kOrderColumns = {
    "id", "name", "app_id", "company_id", "interv", "active", "next_schedule", "last_schedule", "created_at"};

std::vector<RunTemplate> RunTemplateRepository::list(const RunTemplateFilter& filter) {
  Poco::Data::Session s = _db.session();
  std::string sql = "SELECT * FROM runtemplate WHERE 1 = 1";
  Sql::Bindings b;
  if (filter.companyId) {
    sql += " AND company_id = ?";
    b.push_back(value(*filter.companyId));
  }
  if (filter.appId) {
    sql += " AND app_id = ?";
    b.push_back(value(*filter.appId));
  }
  if (filter.companyIds) sql += Sql::andIn("company_id", *filter.companyIds, b);
  sql += Sql::orderBy(filter.order, kOrderColumns, "id") + " LIMIT ? OFFSET ?";
  b.push_back(value(filter.limit));
  b.push_back(value(filter.offset));
  auto rs = Sql::query(s, sql, b);
  std::vector<RunTemplate> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    out.push_back(readRow(rs, r));
    loadConfig(s, _db, out.back());
  }
  return out;
}

void RunTemplateRepository::remove(int64_t id) {
  Poco::Data::Session s = _db.session();
  Transaction tx(s, _db.dialect());
  auto t = Sql::query(s, "SELECT name FROM runtemplate WHERE id = ?", {value(id)});
  if (t.rowCount() == 0) throw NotFoundException("no run template with id " + std::to_string(id));
  const int64_t jobs = Sql::scalar(s, "SELECT COUNT(*) FROM job WHERE runtemplate_id = ?", {value(id)});
  if (jobs > 0)
    throw ConflictException("run template '" + Sql::text(t, "name", 0) + "' (id " + std::to_string(id) +
                            ") has " + std::to_string(jobs) +
                            " job(s) in its history: deactivate it instead (run-template:update --id " +
                            std::to_string(id) + " --active 0)");
  Sql::execute(s, "DELETE FROM runtemplate WHERE id = ?", {value(id)});
  tx.commit();
}

std::vector<RunTemplate> RunTemplateRepository::listScheduled() {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT * FROM runtemplate WHERE active = 1 AND interv <> 'n' ORDER BY id");
  std::vector<RunTemplate> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.push_back(readRow(rs, r));
  return out;
}

void RunTemplateRepository::setNextSchedule(Poco::Data::Session& s, int64_t id, std::optional<Instant> next) {
  Sql::execute(s, "UPDATE runtemplate SET next_schedule = ? WHERE id = ?", {value(next), value(id)});
}

void RunTemplateRepository::addMissedSlots(Poco::Data::Session& s, int64_t id, int64_t count, Instant plannedFrom) {
  Sql::execute(s, "UPDATE runtemplate SET missed_slots = missed_slots + ? WHERE id = ? AND next_schedule = ?",
               {value(count), value(id), value(plannedFrom)});
}

}  // namespace MultiFlexi
