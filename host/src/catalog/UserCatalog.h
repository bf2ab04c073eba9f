// The use cases of users: accounts (login rules, email syntax, passwords
// hashed with Argon2id), their role per company and the global admin flag,
// API tokens (shown once, stored as a hash, expiring, revocable), console
// sessions (sessions(), SessionCatalog.h), and authentication: an
// AuthAttempt becomes a Caller or UnauthorizedException with one message
// whatever went wrong. Every change is audited with the
// actor of the thread's ActorScope; so is every failed sign-in.
//
// Caches: a verified password (60 s) and the Caller of a token (10 s,
// TokenCallerCache). Changes made through this catalog drop them at once;
// changes another process makes to the store (the CLI revoking a token or
// disabling a user) take effect when the entry expires.
//
// Threads: one catalog serves all HTTP worker threads; every method may be
// called from several at once (the store takes a connection per call, the
// login cache and the throttle lock their own state).
#pragma once

#include "catalog/LoginThrottle.h"
#include "catalog/SessionCatalog.h"
#include "catalog/TokenCallerCache.h"
#include "catalog/UserCatalogOptions.h"
#include "common/Clock.h"
#include "crypto/PasswordHash.h"
#include "crypto/VerifiedLoginCache.h"
#include "domain/AuthAttempt.h"
#include "domain/Caller.h"
#include "domain/User.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

class Database;

/// A change to a user: a field is set only when given; an empty email,
/// firstname or lastname clears it.
struct UserChanges {
  std::optional<std::string> login;
  std::optional<std::string> email;
  std::optional<std::string> firstname;
  std::optional<std::string> lastname;
  std::optional<bool> enabled;
  std::optional<bool> admin;
  /// The new password (at least 8 characters); the caller wipes it after.
  std::optional<std::string> password;
};

/// One way to name a user; the id wins when both are given.
struct UserKey {
  std::optional<int64_t> id;
  std::optional<std::string> login;
};

/// A token just made: its record and its value, which is shown this once.
struct NewApiToken {
  ApiToken token;
  std::string value;
};

class UserCatalog {
 public:
  explicit UserCatalog(Database& database, UserCatalogOptions options = {});

  /// Creates a user (login required; password optional: without one the
  /// user signs in by token only). ValidationException naming the field;
  /// ConflictException for a login in use.
  User create(const UserChanges& changes);
  /// NotFoundException ("no user with login 'x'"); ValidationException when `key` is empty.
  User get(const UserKey& key);
  std::optional<User> findById(int64_t id);
  std::vector<User> list(int64_t limit, int64_t offset);
  /// ConflictException when it would disable or demote the last enabled admin.
  User update(int64_t id, const UserChanges& changes);
  /// Disabling the user or setting a password ends the user's sessions.
  /// Deletes the user, its roles, tokens and sessions; ConflictException for the last enabled admin.
  void remove(int64_t id);
  /// The global role: admin or not.
  User setAdmin(int64_t id, bool admin);

  CompanyMembership assignRole(int64_t userId, int64_t companyId, CompanyRole role);
  /// NotFoundException when the user held no role there.
  void unassignRole(int64_t userId, int64_t companyId);
  std::vector<CompanyMembership> rolesOf(int64_t userId);
  std::vector<CompanyMembership> membersOf(int64_t companyId, int64_t limit, int64_t offset);

  /// A token for the user, expiring at `expiresAt` (never when none).
  NewApiToken createToken(int64_t userId, const std::string& name, std::optional<Instant> expiresAt);
  std::vector<ApiToken> tokens(std::optional<int64_t> userId, int64_t limit, int64_t offset);
  /// NotFoundException for an unknown id.
  ApiToken token(int64_t id);
  /// NotFoundException for an unknown or already revoked token.
  void revokeToken(int64_t id);
  /// The id of the token with this value, if any (logout revokes it).
  std::optional<int64_t> tokenIdOf(const std::string& value);

  /// Console sessions of users (made after a password sign-in).
  SessionCatalog& sessions() { return _sessions; }

  /// Who presented this; UnauthorizedException("authentication failed") for
  /// any failure, throttled attempts included. A token's Caller carries the
  /// token's expiry (credentialExpiresAt); a session's, like a password's, none.
  /// A session on a request that must present its CSRF token and does not
  /// (or another) is ForbiddenException naming X-CSRF-Token.
  Caller authenticate(const AuthAttempt& attempt);
  /// The caller a user acts as: admin flag and roles from company_users.
  Caller callerOf(const User& user);

  /// Failed sign-ins (refused ones included) since the catalog was made.
  int64_t failedAttempts() const { return _failed.load(); }

 private:
  User require(int64_t id);
  Caller authenticatePassword(const AuthAttempt& attempt, Instant now);
  Caller authenticateToken(const AuthAttempt& attempt, Instant now);
  Caller authenticateSession(const AuthAttempt& attempt, Instant now);
  /// Audits and refuses; a `guessed` password (one that was verified, or
  /// whose login was looked up) also counts for the throttle.
  [[noreturn]] void fail(const AuthAttempt& attempt, Instant now, const char* why, bool guessed = true);
  void storePassword(int64_t id, const std::string& password);
  /// Drops what the caches hold for the user.
  void forgetUser(int64_t id);
  const std::string& dummyHash();

  Database& _db;
  UserCatalogOptions _options;
  PasswordHash _hasher;
  VerifiedLoginCache _verified;
  TokenCallerCache _tokenCallers;
  LoginThrottle _throttle;
  SessionCatalog _sessions;
  std::atomic<int64_t> _failed{0};
  std::once_flag _dummyOnce;
  std::string _dummyHash;
};

}  // namespace MultiFlexi
