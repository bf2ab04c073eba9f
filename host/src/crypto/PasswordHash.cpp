#include "crypto/PasswordHash.h"

#include "common/Exceptions.h"
#include "crypto/SecureBuffer.h"

#include <sodium.h>

#include <cstring>

namespace MultiFlexi {

PasswordHashCost PasswordHashCost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHashCost PasswordHashCost::minimum() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

std::string PasswordHash::hash(const std::string& password) const {
  initSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), _cost.opsLimit, _cost.memLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw CryptoException("the password cannot be hashed (out of memory)");
  return std::string(out);
}

bool PasswordHash::verify(const std::string& stored, const std::string& password) const {
  initSodium();
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES || stored.find('\0') != std::string::npos)
    return false;
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHash::needsRehash(const std::string& stored) const {
  initSodium();
  if (stored.size() >= crypto_pwhash_STRBYTES) return true;
  // Non-zero: other parameters (1) or not an Argon2id string at all (-1).
  return crypto_pwhash_str_needs_rehash(stored.c_str(), _cost.opsLimit, _cost.memLimit) != 0;
}

}  // namespace MultiFlexi
