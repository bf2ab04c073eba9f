// Logins whose password was verified a moment ago, so that HTTP Basic does
// not cost an Argon2id hash on every request. An entry is keyed by a keyed
// BLAKE2b (crypto_generichash with a random key made per process) of
// login + NUL + password and holds only the user id and when it expires:
// neither the password nor an unkeyed hash of it is kept, and the keys
// mean nothing outside this process.
//
// Threads: every method may be called from several threads at once.
#pragma once

#include "common/Clock.h"
#include "common/ExpiringMap.h"
#include "crypto/SecureBuffer.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace MultiFlexi {

class VerifiedLoginCache {
 public:
  /// Entries live `ttlMs`; at most `capacity` are kept (the oldest go first).
  explicit VerifiedLoginCache(int64_t ttlMs = 60'000, std::size_t capacity = 4096);

  /// The user id verified for this login and password, when not expired at `now`.
  std::optional<int64_t> lookup(const std::string& login, const std::string& password, Instant now);
  void remember(const std::string& login, const std::string& password, int64_t userId, Instant now);
  /// Drops every entry of the user (password, enabled flag or the user changed).
  void forget(int64_t userId);
  std::size_t size() const;

 private:
  std::string keyOf(const std::string& login, const std::string& password) const;

  const int64_t _ttlMs;
  SecureBuffer _key;
  ExpiringMap<int64_t> _entries;  ///< keyed hash -> user id
};

}  // namespace MultiFlexi
