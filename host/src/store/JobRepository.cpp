#include "store/JobRepository.h"

#include "common/Json.h"
#include "store/KeyRepository.h"
#include "store/SealedValues.h"

#include <Poco/Data/LOB.h>

namespace MultiFlexi {

using Sql::value;
using namespace Poco::Data::Keywords;

namespace {

Job readRow(const Poco::Data::RecordSet& rs, std::size_t row) {
  using namespace Sql;
  Job j;
  j.id = integer(rs, "id", row);
  j.runtemplateId = optInteger(rs, "runtemplate_id", row);
  j.companyId = integer(rs, "company_id", row);
  j.appId = integer(rs, "app_id", row);
  j.state = parseJobState(text(rs, "state", row));
  j.scheduleType = text(rs, "schedule_type", row);
  j.slot = optInteger(rs, "slot", row);
  j.scheduledFor = integer(rs, "scheduled_for", row);
  j.beginAt = optInteger(rs, "begin_at", row);
  j.endAt = optInteger(rs, "end_at", row);
  j.outcome = optText(rs, "outcome", row);
  j.exitCode = optInteger(rs, "exit_code", row);
  j.termSignal = optInteger(rs, "term_signal", row);
  j.message = optText(rs, "message", row);
  j.pid = optInteger(rs, "pid", row);
  j.externalRef = optText(rs, "external_ref", row);
  j.executor = text(rs, "executor", row);
  j.launchedBy = optText(rs, "launched_by", row);
  j.command = optText(rs, "command", row);
  j.envJson = optText(rs, "env_json", row);
  j.appVersion = optText(rs, "app_version", row);
  j.leaseOwner = optText(rs, "lease_owner", row);
  j.leaseUntil = optInteger(rs, "lease_until", row);
  j.cancelRequestedAt = optInteger(rs, "cancel_requested_at", row);
  j.cancelRequestedBy = optText(rs, "cancel_requested_by", row);
  j.createdAt = integer(rs, "created_at", row);
  return j;
}

const char* kInsert =
    "INSERT INTO job (runtemplate_id, company_id, app_id, state, schedule_type, slot, scheduled_for, executor, "
    "launched_by, command, env_json, app_version, overrides_json, created_at) "
    "VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

Sql::Bindings insertBindings(const Job& j, const std::optional<std::string>& overridesJson) {
  return {value(j.runtemplateId), value(j.companyId), value(j.appId),      value(j.scheduleType),
          value(j.slot),          value(j.scheduledFor), value(j.executor), value(j.launchedBy),
          value(j.command),       value(j.envJson),   value(j.appVersion), value(overridesJson),
          value(nowMs())};
}

void countOutcome(Poco::Data::Session& s, std::optional<int64_t> runtemplateId, bool success) {
  if (!runtemplateId) return;
  Sql::execute(s,
               success ? "UPDATE runtemplate SET success_count = success_count + 1 WHERE id = ?"
                       : "UPDATE runtemplate SET failure_count = failure_count + 1 WHERE id = ?",
               {value(*runtemplateId)});
}

std::optional<Job> claimOne(Poco::Data::Session& s, const std::string& owner, Instant now, Instant leaseUntil) {
  auto due = Sql::query(
      s,
      "SELECT j.id FROM job j LEFT JOIN runtemplate t ON t.id = j.runtemplate_id "
      "WHERE j.state = 'pending' AND j.scheduled_for <= ? AND (j.runtemplate_id IS NULL OR t.allow_overlap = 1 "
      "OR NOT EXISTS (SELECT 1 FROM job r WHERE r.runtemplate_id = j.runtemplate_id AND r.state = 'running')) "
      "ORDER BY j.scheduled_for, j.id LIMIT 1",
      {value(now)});
  if (due.rowCount() == 0) return std::nullopt;
  const int64_t id = Sql::integer(due, "id", 0);
  Sql::execute(s, "UPDATE job SET state = 'running', lease_owner = ?, lease_until = ? WHERE id = ?",
               {value(owner), value(leaseUntil), value(id)});
  return readRow(Sql::query(s, "SELECT * FROM job WHERE id = ?", {value(id)}), 0);
}

}  // namespace

std::vector<int64_t> JobRepository::createForSlots(Poco::Data::Session& s, int64_t runtemplateId,
                                                   const std::vector<Job>& jobs, std::optional<Instant> nextSchedule) {
  std::vector<int64_t> created;
  for (const Job& job : jobs) {
    auto rs = Sql::query(s, std::string(kInsert) + " ON CONFLICT (runtemplate_id, slot) DO NOTHING RETURNING id",
                         insertBindings(job, std::nullopt));
    if (rs.rowCount() > 0) created.push_back(Sql::integer(rs, "id", 0));
  }
  Sql::execute(s, "UPDATE runtemplate SET next_schedule = ? WHERE id = ?", {value(nextSchedule), value(runtemplateId)});
  return created;
}

int64_t JobRepository::createAdhoc(Poco::Data::Session& s, const Job& job,
                                   const std::map<std::string, std::string>& overrides) {
  Job adhoc = job;
  adhoc.slot.reset();
  const std::set<std::string> secret = secretEnvironmentNames(s, job.appId, overrides);
  std::map<std::string, std::string> plain, hidden;
  for (const auto& [k, v] : overrides) (secret.count(k) ? hidden : plain)[k] = v;
  std::optional<std::string> overridesJson;
  if (!plain.empty()) overridesJson = OrderedJson(plain).dump();
  const int64_t id = Sql::insert(s, std::string(kInsert) + " RETURNING id", insertBindings(adhoc, overridesJson));
  if (!hidden.empty()) {
    const SealedValue sealed =
        KeyRepository::sealCurrent(s, _db.keyRing(), OrderedJson(hidden).dump(), SealContext("job_overrides", job.companyId, id, "overrides"));
    Sql::execute(s, "UPDATE job SET overrides_sealed = ?, overrides_key_version = ? WHERE id = ?",
                 {value(sealed.text), value(sealed.version), value(id)});
  }
  return id;
}

std::vector<Job> JobRepository::claimDue(Poco::Data::Session& s, const std::string& owner, Instant now,
                                         Instant leaseUntil, std::size_t limit) {
  // One at a time inside the transaction: a job claimed here counts as
  // running for the overlap rule of the next one.
  std::vector<Job> claimed;
  while (claimed.size() < limit) {
    auto job = claimOne(s, owner, now, leaseUntil);
    if (!job) break;
    claimed.push_back(std::move(*job));
  }
  return claimed;
}

void JobRepository::markStarted(Poco::Data::Session& s, int64_t id, const JobStart& start) {
  Sql::execute(s,
               "UPDATE job SET pid = ?, external_ref = ?, begin_at = ?, command = ?, env_json = ?, app_version = ? "
               "WHERE id = ?",
               {value(start.pid), value(start.externalRef), value(start.beginAt), value(start.command),
                value(start.envJson), value(start.appVersion), value(id)});
  if (start.secretEnvJson.empty()) return;
  const int64_t company = Sql::scalar(s, "SELECT company_id FROM job WHERE id = ?", {value(id)});
  const SealedValue sealed =
      KeyRepository::sealCurrent(s, _db.keyRing(), start.secretEnvJson, SealContext("job_environment", company, id, "environment"));
  Sql::execute(s, "UPDATE job SET env_sealed = ?, env_key_version = ? WHERE id = ?",
               {value(sealed.text), value(sealed.version), value(id)});
}

std::vector<int64_t> JobRepository::renewLeases(Poco::Data::Session& s, const std::string& owner, Instant leaseUntil) {
  Sql::execute(s, "UPDATE job SET lease_until = ? WHERE state = 'running' AND lease_owner = ?",
               {value(leaseUntil), value(owner)});
  auto held = Sql::query(s, "SELECT id FROM job WHERE state = 'running' AND lease_owner = ?", {value(owner)});
  std::vector<int64_t> ids;
  for (std::size_t r = 0; r < held.rowCount(); ++r) ids.push_back(Sql::integer(held, "id", r));
  return ids;
}

bool JobRepository::finish(Poco::Data::Session& s, int64_t id, const std::string& owner, const JobEnd& end) {
  auto job = Sql::query(s, "SELECT runtemplate_id, slot FROM job WHERE id = ? AND state = 'running' AND lease_owner = ?",
                        {value(id), value(owner)});
  if (job.rowCount() == 0) return false;  // declared lost meanwhile: its verdict stands
  const std::optional<int64_t> runtemplateId = Sql::optInteger(job, "runtemplate_id", 0);
  const std::optional<int64_t> slot = Sql::optInteger(job, "slot", 0);
  Sql::execute(s,
               "UPDATE job SET state = ?, outcome = ?, exit_code = ?, term_signal = ?, message = ?, end_at = ?, "
               "lease_until = NULL WHERE id = ?",
               {value(jobStateName(end.state)), value(end.outcome), value(end.exitCode), value(end.termSignal),
                value(end.message), value(end.endAt), value(id)});
  countOutcome(s, runtemplateId, end.state == JobState::Success);
  if (runtemplateId && slot)
    Sql::execute(s, "UPDATE runtemplate SET last_schedule = ? WHERE id = ? AND (last_schedule IS NULL OR last_schedule < ?)",
                 {value(*slot), value(*runtemplateId), value(*slot)});
  return true;
}

std::vector<LostJob> JobRepository::expireLeases(Poco::Data::Session& s, Instant now) {
  auto expired = Sql::query(
      s, "SELECT id, runtemplate_id, pid, lease_owner FROM job WHERE state = 'running' AND lease_until < ?",
      {value(now)});
  std::vector<LostJob> lost;
  for (std::size_t r = 0; r < expired.rowCount(); ++r) {
    const int64_t id = Sql::integer(expired, "id", r);
    Sql::execute(s,
                 "UPDATE job SET state = 'lost', outcome = 'lost', end_at = ?, lease_until = NULL, "
                 "message = 'the executor stopped renewing its lease (it died or lost the database)' WHERE id = ?",
                 {value(now), value(id)});
    countOutcome(s, Sql::optInteger(expired, "runtemplate_id", r), false);
    lost.push_back(LostJob{id, Sql::optInteger(expired, "pid", r), Sql::optText(expired, "lease_owner", r).value_or("")});
  }
  return lost;
}

void JobRepository::appendMessage(Poco::Data::Session& s, int64_t id, const std::string& note) {
  Sql::execute(s, "UPDATE job SET message = CASE WHEN message IS NULL OR message = '' THEN ? ELSE message || '; ' || ? END "
                  "WHERE id = ?",
               {value(note), value(note), value(id)});
}

bool JobRepository::cancelPending(Poco::Data::Session& s, int64_t id, const std::string& actor, Instant now) {
  return Sql::execute(s,
                      "UPDATE job SET state = 'cancelled', outcome = 'cancelled', end_at = ?, message = ? "
                      "WHERE id = ? AND state = 'pending'",
                      {value(now), value("cancelled by " + actor), value(id)}) > 0;
}

bool JobRepository::requestCancel(Poco::Data::Session& s, int64_t id, const std::string& actor, Instant now) {
  return Sql::execute(s,
                      "UPDATE job SET cancel_requested_at = COALESCE(cancel_requested_at, ?), "
                      "cancel_requested_by = COALESCE(cancel_requested_by, ?) WHERE id = ? AND state = 'running'",
                      {value(now), value(actor), value(id)}) > 0;
}

std::map<int64_t, std::string> JobRepository::cancelRequests(Poco::Data::Session& s, const std::string& owner) {
  auto rs = Sql::query(s,
                       "SELECT id, cancel_requested_by FROM job WHERE state = 'running' AND lease_owner = ? "
                       "AND cancel_requested_at IS NOT NULL",
                       {value(owner)});
  std::map<int64_t, std::string> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r)
    out[Sql::integer(rs, "id", r)] = Sql::optText(rs, "cancel_requested_by", r).value_or("");
  return out;
}

void JobRepository::appendOutput(Poco::Data::Session& s, int64_t jobId, int64_t seq, int stream,
                                 const std::string& bytes) {
  Poco::Data::BLOB chunk(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  // It starts where the chunk before it ends (byte_start, migration 9).
  Sql::execute(s,
               "INSERT INTO job_output (job_id, seq, stream, chunk, created_at, byte_start) VALUES (?, ?, ?, ?, ?, "
               "COALESCE((SELECT byte_start + length(chunk) FROM job_output WHERE job_id = ? AND seq < ? "
               "ORDER BY seq DESC LIMIT 1), 0))",
               {value(jobId), value(seq), value(stream), bind(chunk), value(nowMs()), value(jobId), value(seq)});
}

namespace {
// The chunks of a result set of (seq, stream, chunk, byte_start), each cut to begin at byte `from`.
std::vector<OutputChunk> chunksOf(const Poco::Data::RecordSet& rs, int64_t from) {
  std::vector<OutputChunk> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    const auto blob = rs.value("chunk", r).extract<Poco::Data::BLOB>();
    const int64_t start = Sql::integer(rs, "byte_start", r);
    const std::size_t skip = start < from ? static_cast<std::size_t>(from - start) : 0;
    if (skip > 0 && skip >= blob.size()) continue;  // wholly before `from`
    out.push_back(OutputChunk{Sql::integer(rs, "seq", r), static_cast<int>(Sql::integer(rs, "stream", r)),
                              std::string(reinterpret_cast<const char*>(blob.rawContent()) + skip, blob.size() - skip),
                              start + static_cast<int64_t>(skip)});
  }
  return out;
}
}  // namespace

std::vector<OutputChunk> JobRepository::output(int64_t jobId, int64_t afterSeq) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s,
                       "SELECT seq, stream, chunk, byte_start FROM job_output WHERE job_id = ? AND seq > ? ORDER BY seq",
                       {value(jobId), value(afterSeq)});
  return chunksOf(rs, 0);
}

std::vector<OutputChunk> JobRepository::outputFrom(int64_t jobId, int64_t fromByte) {
  Poco::Data::Session s = _db.session();
  // From the last chunk starting at or before the byte (index job_output_byte), not from the first.
  auto rs = Sql::query(s,
                       "SELECT seq, stream, chunk, byte_start FROM job_output WHERE job_id = ? AND byte_start >= "
                       "COALESCE((SELECT MAX(byte_start) FROM job_output WHERE job_id = ? AND byte_start <= ?), 0) "
                       "ORDER BY seq",
                       {value(jobId), value(jobId), value(fromByte)});
  return chunksOf(rs, fromByte);
}

std::optional<Job> JobRepository::findById(int64_t id) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT * FROM job WHERE id = ?", {value(id)});
  if (rs.rowCount() == 0) return std::nullopt;
  return readRow(rs, 0);
}

std::vector<std::pair<int64_t, Instant>> JobRepository::cancelledBeforeStart(Instant afterEnd, int64_t afterId,
                                                                            int64_t limit) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s,
                       "SELECT id, end_at FROM job WHERE end_at >= ? AND state = 'cancelled' AND begin_at IS NULL "
                       "AND (end_at > ? OR id > ?) ORDER BY end_at, id LIMIT ?",
                       {value(afterEnd), value(afterEnd), value(afterId), value(limit)});
  std::vector<std::pair<int64_t, Instant>> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.emplace_back(Sql::integer(rs, "id", r), Sql::integer(rs, "end_at", r));
  return out;
}

std::map<std::string, std::string> JobRepository::overrides(int64_t id) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT company_id, overrides_json, overrides_sealed FROM job WHERE id = ?", {value(id)});
  std::map<std::string, std::string> out;
  if (rs.rowCount() == 0) return out;
  if (const auto text = Sql::optText(rs, "overrides_json", 0))
    out = OrderedJson::parse(*text).get<std::map<std::string, std::string>>();
  if (const auto sealed = Sql::optText(rs, "overrides_sealed", 0)) {
    std::string plain = _db.keyRing().unseal(
        *sealed, SealContext("job_overrides", Sql::integer(rs, "company_id", 0), id, "overrides"));
    for (auto& [k, v] : OrderedJson::parse(plain).get<std::map<std::string, std::string>>()) out[k] = std::move(v);
    wipe(plain);
  }
  return out;
}

const std::vector<std::string> JobRepository::kOrderColumns = {
    "id", "runtemplate_id", "company_id", "app_id", "state", "scheduled_for", "begin_at", "end_at", "created_at"};

std::vector<Job> JobRepository::list(const JobFilter& filter) {
  Poco::Data::Session s = _db.session();
  Sql::Bindings b;
  std::string sql = "SELECT * FROM job WHERE 1 = 1";
  if (filter.state) {
    sql += " AND state = ?";
    b.push_back(value(jobStateName(*filter.state)));
  }
  if (filter.runtemplateId) {
    sql += " AND runtemplate_id = ?";
    b.push_back(value(*filter.runtemplateId));
  }
  if (filter.companyId) {
    sql += " AND company_id = ?";
    b.push_back(value(*filter.companyId));
  }
  if (filter.companyIds) sql += Sql::andIn("company_id", *filter.companyIds, b);
  if (filter.scheduledFrom) {
    sql += " AND scheduled_for >= ?";
    b.push_back(value(*filter.scheduledFrom));
  }
  if (filter.scheduledUntil) {
    sql += " AND scheduled_for < ?";
    b.push_back(value(*filter.scheduledUntil));
  }
  sql += Sql::orderBy(filter.order, kOrderColumns, "id DESC") + " LIMIT ? OFFSET ?";
  b.push_back(value(filter.limit));
  b.push_back(value(filter.offset));
  auto rs = Sql::query(s, sql, b);
  std::vector<Job> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.push_back(readRow(rs, r));
  return out;
}

std::map<JobState, int64_t> JobRepository::countByState(const std::optional<std::vector<int64_t>>& companyIds) {
  Poco::Data::Session s = _db.session();
  Sql::Bindings b;
  const std::string where = companyIds ? Sql::andIn("company_id", *companyIds, b) : std::string();
  auto rs = Sql::query(s, "SELECT state, COUNT(*) AS n FROM job WHERE 1 = 1" + where + " GROUP BY state", b);
  std::map<JobState, int64_t> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r)
    out[parseJobState(Sql::text(rs, "state", r))] = Sql::integer(rs, "n", r);
  return out;
}

std::vector<QueueEntry> JobRepository::queue(int64_t limit, int64_t offset) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s,
                       "SELECT j.*, t.name AS runtemplate_name, a.name AS app_name, c.name AS company_name "
                       "FROM job j JOIN application a ON a.id = j.app_id JOIN company c ON c.id = j.company_id "
                       "LEFT JOIN runtemplate t ON t.id = j.runtemplate_id WHERE j.state = 'pending' "
                       "ORDER BY j.scheduled_for, j.id LIMIT ? OFFSET ?",
                       {value(limit), value(offset)});
  std::vector<QueueEntry> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r)
    out.push_back(QueueEntry{readRow(rs, r), Sql::optText(rs, "runtemplate_name", r).value_or(""),
                             Sql::text(rs, "app_name", r), Sql::text(rs, "company_name", r)});
  return out;
}

std::optional<Instant> JobRepository::nextDue() {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT MIN(scheduled_for) AS due FROM job WHERE state = 'pending'");
  return Sql::optInteger(rs, "due", 0);
}

}  // namespace MultiFlexi
