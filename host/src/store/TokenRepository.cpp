#include "store/TokenRepository.h"

#include "store/Sql.h"
#include "store/Transaction.h"

namespace MultiFlexi {

using Sql::value;

namespace {

constexpr const char* kColumns = "id, user_id, name, created_at, expires_at, last_used_at, revoked_at";

ApiToken readToken(const Poco::Data::RecordSet& rs, std::size_t row) {
  using namespace Sql;
  ApiToken t;
  t.id = integer(rs, "id", row);
  t.userId = integer(rs, "user_id", row);
  t.name = text(rs, "name", row);
  t.createdAt = integer(rs, "created_at", row);
  t.expiresAt = optInteger(rs, "expires_at", row);
  t.lastUsedAt = optInteger(rs, "last_used_at", row);
  t.revokedAt = optInteger(rs, "revoked_at", row);
  return t;
}

std::optional<ApiToken> findOne(Database& db, const std::string& where, Sql::Binding key) {
  Poco::Data::Session s = db.session();
  auto rs = Sql::query(s, std::string("SELECT ") + kColumns + " FROM api_tokens WHERE " + where, {key});
  if (rs.rowCount() == 0) return std::nullopt;
  return readToken(rs, 0);
}

}  // namespace

ApiToken TokenRepository::create(int64_t userId, const std::string& name, const std::string& tokenHash,
                                 std::optional<Instant> expiresAt) {
  const int64_t id = inTransaction(_db, [&](Poco::Data::Session& s) {
    return Sql::insert(s,
                       "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, "
                       "?, ?) RETURNING id",
                       {value(userId), value(name), value(tokenHash), value(nowMs()), value(expiresAt)});
  });
  return *findById(id);
}

std::optional<ApiToken> TokenRepository::findByHash(const std::string& tokenHash) {
  return findOne(_db, "token_hash = ?", value(tokenHash));
}

std::optional<ApiToken> TokenRepository::findById(int64_t id) { return findOne(_db, "id = ?", value(id)); }

std::vector<ApiToken> TokenRepository::list(std::optional<int64_t> userId, int64_t limit, int64_t offset) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s,
                       std::string("SELECT ") + kColumns +
                           " FROM api_tokens WHERE (? IS NULL OR user_id = ?) ORDER BY id LIMIT ? OFFSET ?",
                       {value(userId), value(userId), value(limit), value(offset)});
  std::vector<ApiToken> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.push_back(readToken(rs, r));
  return out;
}

bool TokenRepository::revoke(int64_t id, Instant at) {
  return inTransaction(_db, [&](Poco::Data::Session& s) {
    return Sql::execute(s, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                        {value(at), value(id)}) > 0;
  });
}

void TokenRepository::touch(int64_t id, Instant at) {
  inTransaction(_db, [&](Poco::Data::Session& s) {
    Sql::execute(s, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {value(at), value(id)});
  });
}

}  // namespace MultiFlexi
