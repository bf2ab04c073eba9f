#include "store/SessionRepository.h"

#include "store/Sql.h"
#include "store/Transaction.h"

namespace MultiFlexi {

using Sql::value;

namespace {

constexpr const char* kColumns = "id, user_id, csrf_token, created_at, last_seen_at, expires_at";

std::optional<LoginSession> findOne(Database& db, const std::string& where, Sql::Binding key) {
  Poco::Data::Session s = db.session();
  auto rs = Sql::query(s, std::string("SELECT ") + kColumns + " FROM sessions WHERE " + where, {key});
  if (rs.rowCount() == 0) return std::nullopt;
  LoginSession out;
  out.id = Sql::integer(rs, "id", 0);
  out.userId = Sql::integer(rs, "user_id", 0);
  out.csrfToken = Sql::text(rs, "csrf_token", 0);
  out.createdAt = Sql::integer(rs, "created_at", 0);
  out.lastSeenAt = Sql::integer(rs, "last_seen_at", 0);
  out.expiresAt = Sql::integer(rs, "expires_at", 0);
  return out;
}

std::size_t change(Database& db, const std::string& sql, const Sql::Bindings& bindings) {
  return inTransaction(db, [&](Poco::Data::Session& s) { return Sql::execute(s, sql, bindings); });
}

}  // namespace

LoginSession SessionRepository::create(int64_t userId, const std::string& sessionHash, const std::string& csrfToken,
                                       Instant now, Instant expiresAt) {
  const int64_t id = inTransaction(_db, [&](Poco::Data::Session& s) {
    return Sql::insert(s,
                       "INSERT INTO sessions (user_id, session_hash, csrf_token, created_at, last_seen_at, expires_at) "
                       "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                       {value(userId), value(sessionHash), value(csrfToken), value(now), value(now), value(expiresAt)});
  });
  return *findById(id);
}

std::optional<LoginSession> SessionRepository::findByHash(const std::string& sessionHash) {
  return findOne(_db, "session_hash = ?", value(sessionHash));
}

std::optional<LoginSession> SessionRepository::findById(int64_t id) { return findOne(_db, "id = ?", value(id)); }

void SessionRepository::touch(int64_t id, Instant at) {
  change(_db, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", {value(at), value(id)});
}

bool SessionRepository::remove(int64_t id) { return change(_db, "DELETE FROM sessions WHERE id = ?", {value(id)}) > 0; }

std::size_t SessionRepository::removeOfUser(int64_t userId) {
  return change(_db, "DELETE FROM sessions WHERE user_id = ?", {value(userId)});
}

std::size_t SessionRepository::removeExpired(Instant now, Instant idleSince) {
  return change(_db, "DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?", {value(now), value(idleSince)});
}

}  // namespace MultiFlexi
