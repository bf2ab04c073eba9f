#include "domain/User.h"

#include "common/Exceptions.h"

#include <algorithm>

namespace MultiFlexi {

namespace {

bool hasControl(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

bool loginChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '@' || c == '-';
}

}  // namespace

void validateLogin(const std::string& login) {
  if (login.empty()) throw ValidationException("login", "must not be empty");
  if (login.size() > 64) throw ValidationException("login", "at most 64 characters");
  if (!std::all_of(login.begin(), login.end(), loginChar))
    throw ValidationException("login", "only letters, digits and . _ @ - are allowed");
}

void validateEmail(const std::string& email) {
  if (email.size() > 254) throw ValidationException("email", "at most 254 characters");
  if (hasControl(email) || email.find(' ') != std::string::npos)
    throw ValidationException("email", "must not contain spaces or control characters");
  const std::size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
    throw ValidationException("email", "expected one address like name@example.com");
  const std::string domain = email.substr(at + 1);
  const std::size_t dot = domain.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == domain.size() || domain.find("..") != std::string::npos)
    throw ValidationException("email", "expected one address like name@example.com");
}

void validatePassword(const std::string& password, const std::string& field) {
  if (password.size() < 8) throw ValidationException(field, "must be at least 8 characters");
  if (password.size() > 4096) throw ValidationException(field, "at most 4096 characters");
  if (password.find('\0') != std::string::npos) throw ValidationException(field, "must not contain a NUL byte");
}

void validatePersonName(const std::string& name, const std::string& field) {
  if (name.size() > 255) throw ValidationException(field, "at most 255 characters");
  if (hasControl(name)) throw ValidationException(field, "must not contain control characters");
}

void validateTokenName(const std::string& name) {
  if (name.empty()) throw ValidationException("name", "must not be empty");
  if (name.size() > 64) throw ValidationException("name", "at most 64 characters");
  if (hasControl(name)) throw ValidationException("name", "must not contain control characters");
}

std::optional<int64_t> parseTokenLifetime(const std::string& text) {
  if (text == "never") return std::nullopt;
  const auto bad = [&]() { return ValidationException("expires", "expected a count with d, h or m (90d, 12h) or 'never'"); };
  if (text.size() < 2 || text.size() > 8) throw bad();
  const std::string digits = text.substr(0, text.size() - 1);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) throw bad();
  const int64_t count = std::stoll(digits);
  int64_t unit = 0;
  switch (text.back()) {
    case 'd': unit = 86'400'000; break;
    case 'h': unit = 3'600'000; break;
    case 'm': unit = 60'000; break;
    default: throw bad();
  }
  const int64_t ms = count * unit;
  if (ms < 60'000 || ms > int64_t{3650} * 86'400'000)
    throw ValidationException("expires", "must be between 1 minute and 3650 days");
  return ms;
}

std::optional<Instant> tokenExpiry(const Caller& issuer, const std::optional<std::string>& expires, Instant now,
                                   const std::string& defaultLifetime) {
  const auto lifetime = parseTokenLifetime(expires.value_or(defaultLifetime));
  const std::optional<Instant> wanted = lifetime ? std::optional<Instant>(now + *lifetime) : std::nullopt;
  const auto bound = issuer.credentialExpiresAt;
  if (!bound || (wanted && *wanted <= *bound)) return wanted;
  if (!expires) return bound;  // the default, cut to the token the caller signed in with
  throw ValidationException("expires", "a token made with a token cannot outlive it: that one expires at " +
                                           formatInstant(*bound) + "; give a shorter lifetime or none");
}

}  // namespace MultiFlexi
