#include "store/JobRepository.h"

#include "store/Transaction.h"

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
  j.executor = text(rs, "executor", row);
  j.launchedBy = optText(rs, "launched_by", row);
  j.command = optText(rs, "command", row);
  j.envJson = optText(rs, "env_json", row);
  j.appVersion = optText(rs, "app_version", row);
  j.leaseOwner = optText(rs, "lease_owner", row);
  j.leaseUntil = optInteger(rs, "lease_until", row);
  j.createdAt = integer(rs, "created_at", row);
  return j;
}

const char* kInsert =
    "INSERT INTO job (runtemplate_id, company_id, app_id, state, schedule_type, slot, scheduled_for, executor, "
    "launched_by, command, env_json, app_version, created_at) VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?)";

Sql::Bindings insertBindings(const Job& j) {
  return {value(j.runtemplateId), value(j.companyId), value(j.appId),      value(j.scheduleType),
          value(j.slot),          value(j.scheduledFor), value(j.executor), value(j.launchedBy),
          value(j.command),       value(j.envJson),   value(j.appVersion), value(nowMs())};
}

void countOutcome(Poco::Data::Session& s, std::optional<int64_t> runtemplateId, bool success) {
  if (!runtemplateId) return;
  Sql::execute(s,
               success ? "UPDATE runtemplate SET success_count = success_count + 1 WHERE id = ?"
                       : "UPDATE runtemplate SET failure_count = failure_count + 1 WHERE id = ?",
               {value(*runtemplateId)});
}

}  // namespace

std::optional<int64_t> JobRepository::createForSlot(const Job& job, std::optional<Instant> nextSchedule) {
  Poco::Data::Session s = _db.session();
  Transaction tx(s, _db.dialect());
  auto rs = Sql::query(s, std::string(kInsert) + " ON CONFLICT (runtemplate_id, slot) DO NOTHING RETURNING id",
                       insertBindings(job));
  if (job.runtemplateId)
    Sql::execute(s, "UPDATE runtemplate SET next_schedule = ? WHERE id = ?",
                 {value(nextSchedule), value(*job.runtemplateId)});
  tx.commit();
  if (rs.rowCount() == 0) return std::nullopt;
  return Sql::integer(rs, "id", 0);
}

int64_t JobRepository::createAdhoc(const Job& job) {
  Job adhoc = job;
  adhoc.slot.reset();
  Poco::Data::Session s = _db.session();
  return Sql::insert(s, std::string(kInsert) + " RETURNING id", insertBindings(adhoc));
}

std::optional<Job> JobRepository::claimNext(const std::string& owner, Instant now, Instant leaseUntil) {
  Poco::Data::Session s = _db.session();
  Transaction tx(s, _db.dialect());
  auto due = Sql::query(
      s,
      "SELECT j.id FROM job j LEFT JOIN runtemplate t ON t.id = j.runtemplate_id "
      "WHERE j.state = 'pending' AND j.scheduled_for <= ? AND (j.runtemplate_id IS NULL OR t.allow_overlap = 1 "
      "OR NOT EXISTS (SELECT 1 FROM job r WHERE r.runtemplate_id = j.runtemplate_id AND r.state = 'running')) "
      "ORDER BY j.scheduled_for, j.id LIMIT 1",
      {value(now)});
  if (due.rowCount() == 0) return std::nullopt;
  const int64_t id = Sql::integer(due, "id", 0);
  Sql::execute(s, "UPDATE job SET state = 'running', lease_owner = ?, lease_until = ? WHERE id = ? AND state = 'pending'",
               {value(owner), value(leaseUntil), value(id)});
  auto claimed = Sql::query(s, "SELECT * FROM job WHERE id = ?", {value(id)});
  tx.commit();
  return readRow(claimed, 0);
}

void JobRepository::markStarted(int64_t id, int64_t pid, Instant beginAt) {
  Poco::Data::Session s = _db.session();
  Sql::execute(s, "UPDATE job SET pid = ?, begin_at = ? WHERE id = ?", {value(pid), value(beginAt), value(id)});
}

bool JobRepository::renewLease(int64_t id, const std::string& owner, Instant leaseUntil) {
  Poco::Data::Session s = _db.session();
  return Sql::execute(s, "UPDATE job SET lease_until = ? WHERE id = ? AND state = 'running' AND lease_owner = ?",
                      {value(leaseUntil), value(id), value(owner)}) == 1;
}

bool JobRepository::finish(int64_t id, const std::string& owner, const JobEnd& end) {
  Poco::Data::Session s = _db.session();
  Transaction tx(s, _db.dialect());
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
    Sql::execute(s, "UPDATE runtemplate SET last_schedule = ? WHERE id = ?", {value(*slot), value(*runtemplateId)});
  tx.commit();
  return true;
}

std::vector<int64_t> JobRepository::expireLeases(Instant now) {
  Poco::Data::Session s = _db.session();
  Transaction tx(s, _db.dialect());
  auto expired = Sql::query(s, "SELECT id, runtemplate_id FROM job WHERE state = 'running' AND lease_until < ?",
                            {value(now)});
  std::vector<int64_t> ids;
  for (std::size_t r = 0; r < expired.rowCount(); ++r) {
    const int64_t id = Sql::integer(expired, "id", r);
    Sql::execute(s,
                 "UPDATE job SET state = 'lost', outcome = 'lost', end_at = ?, lease_until = NULL, "
                 "message = 'the executor stopped renewing its lease (it died or lost the database)' WHERE id = ?",
                 {value(now), value(id)});
    countOutcome(s, Sql::optInteger(expired, "runtemplate_id", r), false);
    ids.push_back(id);
  }
  tx.commit();
  return ids;
}

void JobRepository::appendOutput(int64_t jobId, int64_t seq, int stream, const std::string& bytes) {
  Poco::Data::Session s = _db.session();
  Poco::Data::BLOB chunk(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  Sql::execute(s, "INSERT INTO job_output (job_id, seq, stream, chunk, created_at) VALUES (?, ?, ?, ?, ?)",
               {value(jobId), value(seq), value(stream), bind(chunk), value(nowMs())});
}

std::vector<OutputChunk> JobRepository::output(int64_t jobId) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT seq, stream, chunk FROM job_output WHERE job_id = ? ORDER BY seq", {value(jobId)});
  std::vector<OutputChunk> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    const auto blob = rs.value("chunk", r).extract<Poco::Data::BLOB>();
    out.push_back(OutputChunk{Sql::integer(rs, "seq", r), static_cast<int>(Sql::integer(rs, "stream", r)),
                              std::string(reinterpret_cast<const char*>(blob.rawContent()), blob.size())});
  }
  return out;
}

std::optional<Job> JobRepository::findById(int64_t id) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT * FROM job WHERE id = ?", {value(id)});
  if (rs.rowCount() == 0) return std::nullopt;
  return readRow(rs, 0);
}

std::vector<Job> JobRepository::list(std::optional<JobState> state, int64_t limit, int64_t offset) {
  Poco::Data::Session s = _db.session();
  Sql::Bindings b;
  std::string sql = "SELECT * FROM job";
  if (state) {
    sql += " WHERE state = ?";
    b.push_back(value(jobStateName(*state)));
  }
  sql += " ORDER BY id DESC LIMIT ? OFFSET ?";
  b.push_back(value(limit));
  b.push_back(value(offset));
  auto rs = Sql::query(s, sql, b);
  std::vector<Job> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.push_back(readRow(rs, r));
  return out;
}

}  // namespace MultiFlexi
