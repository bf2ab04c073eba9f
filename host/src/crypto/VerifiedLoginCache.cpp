#include "crypto/VerifiedLoginCache.h"

#include <sodium.h>

namespace MultiFlexi {

VerifiedLoginCache::VerifiedLoginCache(int64_t ttlMs, std::size_t capacity)
    : _ttlMs(ttlMs), _key(crypto_generichash_KEYBYTES), _entries(capacity) {
  randombytes_buf(_key.data(), _key.size());
}

std::string VerifiedLoginCache::keyOf(const std::string& login, const std::string& password) const {
  crypto_generichash_state state;
  crypto_generichash_init(&state, _key.data(), _key.size(), crypto_generichash_BYTES);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(login.data()), login.size());
  const unsigned char nul = 0;
  crypto_generichash_update(&state, &nul, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(password.data()), password.size());
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash_final(&state, digest, sizeof digest);
  sodium_memzero(&state, sizeof state);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

std::optional<int64_t> VerifiedLoginCache::lookup(const std::string& login, const std::string& password,
                                                  Instant now) {
  return _entries.find(keyOf(login, password), now);
}

void VerifiedLoginCache::remember(const std::string& login, const std::string& password, int64_t userId,
                                  Instant now) {
  _entries.put(keyOf(login, password), userId, now + _ttlMs, now);
}

void VerifiedLoginCache::forget(int64_t userId) {
  _entries.eraseIf([userId](int64_t cached) { return cached == userId; });
}

std::size_t VerifiedLoginCache::size() const { return _entries.size(); }

}  // namespace MultiFlexi
