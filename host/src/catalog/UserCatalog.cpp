#include "catalog/UserCatalog.h"

#include "catalog/Changes.h"
#include "common/Exceptions.h"
#include "crypto/ApiTokenSecret.h"
#include "crypto/RandomText.h"
#include "domain/AddressKey.h"
#include "store/AuditRepository.h"
#include "store/TokenRepository.h"
#include "store/UserRepository.h"

#include <Poco/Logger.h>

#include <algorithm>

namespace MultiFlexi {

namespace {

constexpr const char* kAuthFailed = "authentication failed";
/// A token's last use is written at most this often.
constexpr int64_t kTouchEveryMs = 60'000;

std::string subjectOf(const User& user) { return "user " + user.login; }

/// A login fit for the audit trail: a presented one that breaks the rules is not written as given.
std::string presentedLogin(const std::string& login) {
  try {
    validateLogin(login);
    return login;
  } catch (const ValidationException&) {
    return "(malformed, " + std::to_string(login.size()) + " bytes)";
  }
}

/// Text fit for the audit trail: printable and short, or a note of its size.
std::string printable(const std::string& text) {
  const bool ok = text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
  });
  return ok ? text : "(malformed, " + std::to_string(text.size()) + " bytes)";
}

void validate(const UserChanges& c) {
  if (c.login) validateLogin(*c.login);
  if (c.email && !c.email->empty()) validateEmail(*c.email);
  if (c.firstname) validatePersonName(*c.firstname, "firstname");
  if (c.lastname) validatePersonName(*c.lastname, "lastname");
  if (c.password) validatePassword(*c.password);
}

void apply(const UserChanges& c, User& user) {
  if (c.login) user.login = *c.login;
  applyClearable(c.email, user.email);
  applyClearable(c.firstname, user.firstname);
  applyClearable(c.lastname, user.lastname);
  if (c.enabled) user.enabled = *c.enabled;
  if (c.admin) user.admin = *c.admin;
}

void audit(Database& db, const std::string& action, const std::string& subject, std::optional<int64_t> company,
           std::optional<std::string> detail = std::nullopt) {
  AuditRepository(db).record(action, subject, company, std::move(detail));
}

}  // namespace

UserCatalog::UserCatalog(Database& database, UserCatalogOptions options)
    : _db(database),
      _options(std::move(options)),
      _hasher(_options.cost),
      _throttle(_options.throttle),
      _sessions(database, _options.clock, _options.sessions) {}

User UserCatalog::create(const UserChanges& changes) {
  if (!changes.login) throw ValidationException("login", "is required");
  validate(changes);
  User user;
  apply(changes, user);
  std::optional<std::string> hash;
  if (changes.password) hash = _hasher.hash(*changes.password);
  const int64_t id = UserRepository(_db).create(user, hash);
  User created = require(id);
  audit(_db, "user.create", subjectOf(created), std::nullopt, created.admin ? "admin" : "user");
  return created;
}

User UserCatalog::require(int64_t id) {
  auto user = UserRepository(_db).findById(id);
  if (!user) throw NotFoundException("user", "no user with id " + std::to_string(id));
  return *user;
}

User UserCatalog::get(const UserKey& key) {
  if (key.id) return require(*key.id);
  if (!key.login) throw ValidationException("id", "name the user by id or login");
  auto user = UserRepository(_db).findByLogin(*key.login);
  if (!user) throw NotFoundException("user", "no user with login '" + presentedLogin(*key.login) + "'");
  return *user;
}

std::optional<User> UserCatalog::findById(int64_t id) { return UserRepository(_db).findById(id); }

std::vector<User> UserCatalog::list(int64_t limit, int64_t offset) { return UserRepository(_db).list(limit, offset); }

User UserCatalog::update(int64_t id, const UserChanges& changes) {
  validate(changes);
  User user = require(id);
  apply(changes, user);
  UserRepository(_db).update(user);
  if (changes.password) storePassword(id, *changes.password);
  // A new password or a disabled account ends what the old one signed in.
  if (changes.password || (changes.enabled && !*changes.enabled)) _sessions.endAllOf(id);
  forgetUser(id);
  std::string fields;
  for (const auto& [name, given] : {std::pair{"login", changes.login.has_value()}, {"email", changes.email.has_value()},
                                    {"firstname", changes.firstname.has_value()},
                                    {"lastname", changes.lastname.has_value()}, {"enabled", changes.enabled.has_value()},
                                    {"admin", changes.admin.has_value()}, {"password", changes.password.has_value()}})
    if (given) fields += (fields.empty() ? "" : ",") + std::string(name);
  User saved = require(id);
  audit(_db, "user.update", subjectOf(saved), std::nullopt, fields);
  return saved;
}

void UserCatalog::storePassword(int64_t id, const std::string& password) {
  UserRepository(_db).setPasswordHash(id, _hasher.hash(password));
}

void UserCatalog::forgetUser(int64_t id) {
  _verified.forget(id);
  _tokenCallers.forgetUser(id);
}

void UserCatalog::remove(int64_t id) {
  const User user = require(id);
  UserRepository(_db).remove(id);
  forgetUser(id);
  audit(_db, "user.delete", subjectOf(user), std::nullopt);
}

User UserCatalog::setAdmin(int64_t id, bool admin) {
  User user = require(id);
  user.admin = admin;
  UserRepository(_db).update(user);
  forgetUser(id);
  audit(_db, "user-role.set", subjectOf(user), std::nullopt, admin ? "admin" : "user");
  return require(id);
}

CompanyMembership UserCatalog::assignRole(int64_t userId, int64_t companyId, CompanyRole role) {
  const User user = require(userId);
  CompanyMembership m = UserRepository(_db).assign(companyId, userId, role);
  _tokenCallers.forgetUser(userId);
  audit(_db, "user-company.assign", subjectOf(user), companyId, roleName(role));
  return m;
}

void UserCatalog::unassignRole(int64_t userId, int64_t companyId) {
  const User user = require(userId);
  if (!UserRepository(_db).unassign(companyId, userId))
    throw NotFoundException("company", "user '" + user.login + "' has no role in company " + std::to_string(companyId));
  _tokenCallers.forgetUser(userId);
  audit(_db, "user-company.unassign", subjectOf(user), companyId);
}

std::vector<CompanyMembership> UserCatalog::rolesOf(int64_t userId) {
  require(userId);
  return UserRepository(_db).membershipsOf(userId);
}

std::vector<CompanyMembership> UserCatalog::membersOf(int64_t companyId, int64_t limit, int64_t offset) {
  return UserRepository(_db).membersOf(companyId, limit, offset);
}

NewApiToken UserCatalog::createToken(int64_t userId, const std::string& name, std::optional<Instant> expiresAt) {
  validateTokenName(name);
  const User user = require(userId);
  NewApiToken made;
  made.value = generateApiToken();
  made.token = TokenRepository(_db).create(userId, name, apiTokenHash(made.value), expiresAt);
  audit(_db, "token.create", "token " + std::to_string(made.token.id) + " of " + subjectOf(user), std::nullopt, name);
  return made;
}

std::vector<ApiToken> UserCatalog::tokens(std::optional<int64_t> userId, int64_t limit, int64_t offset) {
  return TokenRepository(_db).list(userId, limit, offset);
}

ApiToken UserCatalog::token(int64_t id) {
  auto found = TokenRepository(_db).findById(id);
  if (!found) throw NotFoundException("id", "no token with id " + std::to_string(id));
  return *found;
}

void UserCatalog::revokeToken(int64_t id) {
  const ApiToken t = token(id);
  if (!TokenRepository(_db).revoke(id, _options.clock()))
    throw NotFoundException("id", "token " + std::to_string(id) + " is already revoked");
  _tokenCallers.forgetToken(id);
  const auto owner = UserRepository(_db).findById(t.userId);
  audit(_db, "token.revoke", "token " + std::to_string(id) + (owner ? " of " + subjectOf(*owner) : ""), std::nullopt);
}

std::optional<int64_t> UserCatalog::tokenIdOf(const std::string& value) {
  if (!looksLikeApiToken(value)) return std::nullopt;
  auto found = TokenRepository(_db).findByHash(apiTokenHash(value));
  return found ? std::optional<int64_t>(found->id) : std::nullopt;
}

Caller UserCatalog::callerOf(const User& user) {
  Caller caller;
  caller.userId = user.id;
  caller.name = user.login;
  caller.admin = user.admin;
  if (!user.admin)
    for (const CompanyMembership& m : UserRepository(_db).membershipsOf(user.id)) caller.roles[m.companyId] = m.role;
  return caller;
}

Caller UserCatalog::authenticate(const AuthAttempt& attempt) {
  const Instant now = _options.clock();
  // A 256-bit token cannot be guessed: the throttle guards passwords only.
  if (attempt.scheme == AuthAttempt::Scheme::Token) return authenticateToken(attempt, now);
  // So does a session's (and it is made only after a password sign-in).
  if (attempt.scheme == AuthAttempt::Scheme::Session) return authenticateSession(attempt, now);
  if (_throttle.refusedForMs("addr:" + addressKey(attempt.remoteAddress), now) > 0) fail(attempt, now, "throttled", false);
  if (_throttle.refusedForMs("user:" + attempt.login, now) > 0) fail(attempt, now, "throttled", false);
  return authenticatePassword(attempt, now);
}

const std::string& UserCatalog::dummyHash() {
  std::call_once(_dummyOnce, [this]() { _dummyHash = _hasher.hash("not a password of anyone"); });
  return _dummyHash;
}

Caller UserCatalog::authenticatePassword(const AuthAttempt& attempt, Instant now) {
  if (attempt.login.empty() || attempt.login.size() > 64 || attempt.secret.empty() || attempt.secret.size() > 4096)
    fail(attempt, now, "malformed", false);
  UserRepository users(_db);
  if (auto cached = _verified.lookup(attempt.login, attempt.secret, now)) {
    auto user = users.findById(*cached);
    if (user && user->enabled && user->login == attempt.login) return callerOf(*user);
  }
  auto found = users.credentialsOf(attempt.login);
  if (!found || !found->passwordHash) {
    _hasher.verify(dummyHash(), attempt.secret);  // the same time as for a known login
    fail(attempt, now, "unknown login or no password");
  }
  if (!_hasher.verify(*found->passwordHash, attempt.secret)) fail(attempt, now, "wrong password");
  if (!found->user.enabled) fail(attempt, now, "disabled");
  if (_hasher.needsRehash(*found->passwordHash)) storePassword(found->user.id, attempt.secret);
  _throttle.recordSuccess("user:" + attempt.login);
  _verified.remember(attempt.login, attempt.secret, found->user.id, now);
  return callerOf(found->user);
}

Caller UserCatalog::authenticateToken(const AuthAttempt& attempt, Instant now) {
  if (!looksLikeApiToken(attempt.secret)) fail(attempt, now, "malformed token");
  const std::string hash = apiTokenHash(attempt.secret);
  TokenRepository tokens(_db);
  if (auto hit = _tokenCallers.lookup(hash, now, kTouchEveryMs)) {
    if (hit->touchDue) tokens.touch(hit->tokenId, now);
    return hit->caller;
  }
  const uint64_t since = _tokenCallers.generation();
  auto token = tokens.findByHash(hash);
  if (!token) fail(attempt, now, "unknown token");
  if (token->revokedAt) fail(attempt, now, "revoked token");
  if (token->expiresAt && *token->expiresAt <= now) fail(attempt, now, "expired token");
  auto user = UserRepository(_db).findById(token->userId);
  if (!user || !user->enabled) fail(attempt, now, "disabled");
  Instant lastUsed = token->lastUsedAt.value_or(0);
  if (!token->lastUsedAt || lastUsed + kTouchEveryMs <= now) {
    tokens.touch(token->id, now);
    lastUsed = now;
  }
  Caller caller = callerOf(*user);
  caller.credentialExpiresAt = token->expiresAt;
  _tokenCallers.remember(hash, token->id, caller, lastUsed, now, since);
  return caller;
}

Caller UserCatalog::authenticateSession(const AuthAttempt& attempt, Instant now) {
  const auto session = _sessions.find(attempt.secret);
  if (!session) {
    // Not audited: a browser's stale cookie comes with every request, and a
    // 256-bit value cannot be guessed (nor is it throttled). Counted.
    ++_failed;
    throw UnauthorizedException(kAuthFailed);
  }
  auto user = UserRepository(_db).findById(session->userId);
  if (!user || !user->enabled) fail(attempt, now, "disabled");
  if (attempt.csrfRequired && !secretsEqual(attempt.csrfToken, session->csrfToken))
    throw ForbiddenException("X-CSRF-Token", attempt.csrfToken.empty()
                                                 ? "is required with the session cookie on a request that changes "
                                                   "something; send the csrf_token of POST /session"
                                                 : "is not the csrf_token of this session");
  // No credentialExpiresAt: a session is a sign-in with the password that
  // the browser keeps (its expiry is checked on every request), so what it
  // may do is what a password may do (make a token that outlives it).
  return callerOf(*user);
}

void UserCatalog::fail(const AuthAttempt& attempt, Instant now, const char* why, bool guessed) {
  ++_failed;
  const bool password = attempt.scheme == AuthAttempt::Scheme::Password;
  if (guessed && password) {
    _throttle.recordFailure("addr:" + addressKey(attempt.remoteAddress), now);
    if (password && attempt.login.size() <= 64) _throttle.recordFailure("user:" + attempt.login, now);
  }
  const std::string subject = password                                       ? "user " + presentedLogin(attempt.login)
                              : attempt.scheme == AuthAttempt::Scheme::Token ? "token"
                                                                             : "session";
  const std::string detail = "from " + printable(attempt.remoteAddress) + ": " + why;
  try {
    audit(_db, "auth.failed", subject, std::nullopt, detail);
  } catch (const Poco::Exception& e) {
    // The refusal stands; a trail that cannot be written is the operator's to see.
    Poco::Logger::get("multiflexi.auth").error("failed sign-in not audited: " + e.displayText());
  }
  throw UnauthorizedException(kAuthFailed);
}

}  // namespace MultiFlexi
