// A person who signs in to the REST API or the console: a login, contact
// fields, whether the account may sign in, whether it is the global admin;
// with its roles per company and its API tokens. The password hash and the
// token hashes stay in the store and never appear in these records.
#pragma once

#include "common/Clock.h"
#include "domain/Caller.h"

#include <cstdint>
#include <optional>
#include <string>

namespace MultiFlexi {

struct User {
  int64_t id = 0;
  std::string login;
  std::optional<std::string> email;
  std::optional<std::string> firstname;
  std::optional<std::string> lastname;
  bool enabled = true;
  bool admin = false;
  Instant createdAt = 0;
  Instant updatedAt = 0;
};

/// A user's role in one company.
struct CompanyMembership {
  int64_t companyId = 0;
  int64_t userId = 0;
  CompanyRole role = CompanyRole::Viewer;
  Instant createdAt = 0;
};

/// An API token as listed: never its value nor its hash.
struct ApiToken {
  int64_t id = 0;
  int64_t userId = 0;
  std::string name;
  Instant createdAt = 0;
  std::optional<Instant> expiresAt;
  std::optional<Instant> lastUsedAt;
  std::optional<Instant> revokedAt;
};

/// A console session (the mfx_session cookie) as stored: never its value,
/// only its hash (the store's business). The CSRF token is kept as given:
/// alone it signs nobody in.
struct LoginSession {
  int64_t id = 0;
  int64_t userId = 0;
  std::string csrfToken;
  Instant createdAt = 0;
  /// The last request made with it, written at most once a minute.
  Instant lastSeenAt = 0;
  /// The absolute expiry (MULTIFLEXI_SESSION_LIFETIME after sign-in).
  Instant expiresAt = 0;
};

/// 1–64 characters of [A-Za-z0-9._@-]; ValidationException("login") otherwise.
void validateLogin(const std::string& login);
/// local@domain.tld, at most 254 characters, no spaces or control bytes;
/// ValidationException("email") otherwise.
void validateEmail(const std::string& email);
/// At least 8 characters (at most 4096, no NUL byte); ValidationException
/// naming `field` otherwise. The message never contains the password.
void validatePassword(const std::string& password, const std::string& field = "password");
/// A first or last name: at most 255 characters, no control bytes.
void validatePersonName(const std::string& name, const std::string& field);
/// A token's name: 1–64 characters, no control bytes.
void validateTokenName(const std::string& name);
/// How long a token lives in milliseconds: "90d", "12h", "30m" (1 minute to 3650
/// days) or "never" (nullopt). ValidationException("expires") otherwise.
std::optional<int64_t> parseTokenLifetime(const std::string& text);
/// When a token `issuer` makes at `now` expires (nullopt: never), given
/// `expires` as parseTokenLifetime reads it, or `defaultLifetime` when not
/// given. A caller signed in with an expiring token (credentialExpiresAt)
/// cannot make one that outlives it: without `expires` the new token gets
/// the default capped at that expiry; "never" or a later time is
/// ValidationException("expires"). Password callers and the CLI are not bound.
std::optional<Instant> tokenExpiry(const Caller& issuer, const std::optional<std::string>& expires, Instant now,
                                   const std::string& defaultLifetime = "90d");

}  // namespace MultiFlexi
