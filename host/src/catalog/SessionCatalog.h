// The use cases of console sessions: a user signed in by password gets a
// session (the value of the mfx_session cookie: 32 random bytes, base64url)
// and a CSRF token (another 32); the store keeps the session only as its
// hash. A session ends when unused for SessionPolicy::idleMs, at
// SessionPolicy::lifetimeMs after sign-in, at sign-out, and when its user
// is deleted, disabled or given a new password (UserCatalog ends them).
// Expired sessions are deleted when a new one is made (enough: each one
// costs a password verification, and an expired one signs nobody in).
//
// Authentication by a session goes through UserCatalog::authenticate
// (AuthAttempt::Scheme::Session), which checks the user and the CSRF token.
//
// Threads: any; every call reads and writes the store only.
#pragma once

#include "catalog/UserCatalogOptions.h"
#include "common/Clock.h"
#include "domain/Caller.h"
#include "domain/User.h"

#include <functional>
#include <optional>
#include <string>

namespace MultiFlexi {

class Database;

/// A session just made: its record and the cookie value, shown this once.
struct NewSession {
  LoginSession session;
  std::string value;
};

class SessionCatalog {
 public:
  SessionCatalog(Database& database, std::function<Instant()> clock, SessionPolicy policy);

  /// A new session for `caller` (a user; ValidationException for the local
  /// CLI user, who has no id). Deletes the expired sessions first; audited
  /// (session.create) with the thread's actor.
  NewSession create(const Caller& caller);
  /// The live session of a cookie value, its use recorded (at most once a
  /// minute); nullopt for a value of another form, unknown or expired.
  std::optional<LoginSession> find(const std::string& value);
  /// Ends the session of this value (audited session.delete); false when
  /// there was none.
  bool end(const std::string& value, const std::string& login);
  /// Ends every session of the user; returns how many.
  std::size_t endAllOf(int64_t userId);
  /// When the session ends unless used again.
  Instant idleExpiry(const LoginSession& session) const;
  const SessionPolicy& policy() const { return _policy; }

 private:
  Database& _db;
  std::function<Instant()> _clock;
  SessionPolicy _policy;
};

}  // namespace MultiFlexi
