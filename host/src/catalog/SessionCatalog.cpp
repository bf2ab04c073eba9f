#include "catalog/SessionCatalog.h"

#include "common/Exceptions.h"
#include "crypto/RandomText.h"
#include "store/AuditRepository.h"
#include "store/SessionRepository.h"

#include <Poco/Logger.h>

#include <algorithm>

namespace MultiFlexi {

namespace {

constexpr std::size_t kRandomBytes = 32;
/// A session's last use is written at most this often.
constexpr int64_t kTouchEveryMs = 60'000;

bool looksLikeSession(const std::string& value) { return isBase64Url(value, base64UrlLength(kRandomBytes)); }

std::string subjectOf(int64_t id, const std::string& login) {
  return "session " + std::to_string(id) + " of user " + login;
}

}  // namespace

SessionCatalog::SessionCatalog(Database& database, std::function<Instant()> clock, SessionPolicy policy)
    : _db(database), _clock(std::move(clock)), _policy(policy) {}

NewSession SessionCatalog::create(const Caller& caller) {
  if (!caller.userId) throw ValidationException("user", "only a user of the API can hold a session");
  const Instant now = _clock();
  SessionRepository sessions(_db);
  if (const std::size_t swept = sessions.removeExpired(now, now - _policy.idleMs))
    Poco::Logger::get("multiflexi.auth").debug(std::to_string(swept) + " expired sessions deleted");
  NewSession made;
  made.value = randomBase64Url(kRandomBytes);
  made.session = sessions.create(*caller.userId, secretDigest(made.value), randomBase64Url(kRandomBytes), now,
                                 now + _policy.lifetimeMs);
  AuditRepository(_db).record("session.create", subjectOf(made.session.id, caller.name), std::nullopt, std::nullopt);
  return made;
}

std::optional<LoginSession> SessionCatalog::find(const std::string& value) {
  if (!looksLikeSession(value)) return std::nullopt;
  SessionRepository sessions(_db);
  auto session = sessions.findByHash(secretDigest(value));
  const Instant now = _clock();
  if (!session || now >= session->expiresAt || now >= idleExpiry(*session)) return std::nullopt;
  if (session->lastSeenAt + kTouchEveryMs <= now) {
    sessions.touch(session->id, now);
    session->lastSeenAt = now;
  }
  return session;
}

bool SessionCatalog::end(const std::string& value, const std::string& login) {
  if (!looksLikeSession(value)) return false;
  SessionRepository sessions(_db);
  const auto session = sessions.findByHash(secretDigest(value));
  if (!session || !sessions.remove(session->id)) return false;
  AuditRepository(_db).record("session.delete", subjectOf(session->id, login), std::nullopt, std::nullopt);
  return true;
}

std::size_t SessionCatalog::endAllOf(int64_t userId) { return SessionRepository(_db).removeOfUser(userId); }

Instant SessionCatalog::idleExpiry(const LoginSession& session) const {
  return std::min(session.expiresAt, session.lastSeenAt + _policy.idleMs);
}

}  // namespace MultiFlexi
