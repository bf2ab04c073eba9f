// Password hashing with libsodium's Argon2id (crypto_pwhash_str): the
// stored string carries its own salt and parameters, so verify() needs
// nothing else and needsRehash() tells when the parameters in use changed.
//
// Threads: stateless; each call allocates its own Argon2 memory (64 MiB at
// the interactive limit). Throws CryptoException when libsodium cannot
// hash (out of memory).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace MultiFlexi {

struct PasswordHashCost {
  unsigned long long opsLimit;
  std::size_t memLimit;
  /// OPSLIMIT/MEMLIMIT_INTERACTIVE: the default.
  static PasswordHashCost interactive();
  /// libsodium's minimum: for tests only.
  static PasswordHashCost minimum();
};

class PasswordHash {
 public:
  explicit PasswordHash(PasswordHashCost cost = PasswordHashCost::interactive()) : _cost(cost) {}

  /// The Argon2id string of `password` ("$argon2id$v=19$m=...").
  std::string hash(const std::string& password) const;
  /// Whether `password` matches `stored`; false for a malformed `stored`.
  /// Constant-time in the password.
  bool verify(const std::string& stored, const std::string& password) const;
  /// Whether `stored` was made with other parameters than this cost's (or
  /// another algorithm): hash again after a successful verify.
  bool needsRehash(const std::string& stored) const;

 private:
  PasswordHashCost _cost;
};

}  // namespace MultiFlexi
