#include "store/AuditRepository.h"

#include "domain/ActorScope.h"
#include "store/Sql.h"
#include "store/Transaction.h"

#include <pwd.h>
#include <unistd.h>

namespace MultiFlexi {

using Sql::value;

namespace {
std::string unixUser() {
  const uid_t uid = ::geteuid();
  const passwd* pw = ::getpwuid(uid);
  return pw ? std::string(pw->pw_name) : "uid " + std::to_string(uid);
}

/// The caller of this thread's ActorScope, else the Unix user.
std::string currentActor() {
  const Caller* caller = ActorScope::current();
  return caller ? caller->name : unixUser();
}
}  // namespace

int64_t AuditRepository::record(const std::string& action, const std::string& subject,
                                std::optional<int64_t> companyId, std::optional<std::string> detail) {
  return inTransaction(_db, [&](Poco::Data::Session& s) {
    return Sql::insert(s,
                       "INSERT INTO audit_event (at, actor, action, subject, company_id, detail) VALUES (?, ?, ?, ?, ?, "
                       "?) RETURNING id",
                       {value(nowMs()), value(currentActor()), value(action), value(subject), value(companyId),
                        value(detail)});
  });
}

namespace {
std::vector<AuditEvent> readEvents(const Poco::Data::RecordSet& rs) {
  std::vector<AuditEvent> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    AuditEvent e;
    e.id = Sql::integer(rs, "id", r);
    e.at = Sql::integer(rs, "at", r);
    e.actor = Sql::text(rs, "actor", r);
    e.action = Sql::text(rs, "action", r);
    e.subject = Sql::text(rs, "subject", r);
    e.companyId = Sql::optInteger(rs, "company_id", r);
    e.detail = Sql::optText(rs, "detail", r);
    out.push_back(std::move(e));
  }
  return out;
}
}  // namespace

std::vector<AuditEvent> AuditRepository::list(int64_t limit) {
  AuditQuery query;
  query.limit = limit;
  return list(query);
}

std::vector<AuditEvent> AuditRepository::list(const AuditQuery& query) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s,
                       "SELECT * FROM audit_event WHERE (? IS NULL OR company_id = ?) AND (? IS NULL OR actor = ?) "
                       "ORDER BY id DESC LIMIT ? OFFSET ?",
                       {value(query.companyId), value(query.companyId), value(query.actor), value(query.actor),
                        value(query.limit), value(query.offset)});
  return readEvents(rs);
}

std::optional<AuditEvent> AuditRepository::findById(int64_t id) {
  Poco::Data::Session s = _db.session();
  auto events = readEvents(Sql::query(s, "SELECT * FROM audit_event WHERE id = ?", {value(id)}));
  if (events.empty()) return std::nullopt;
  return events.front();
}

}  // namespace MultiFlexi
