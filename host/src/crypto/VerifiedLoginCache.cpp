#include "crypto/VerifiedLoginCache.h"

#include <sodium.h>

#include <algorithm>

namespace MultiFlexi {

VerifiedLoginCache::VerifiedLoginCache(int64_t ttlMs, std::size_t capacity)
    : _ttlMs(ttlMs), _capacity(capacity), _key(crypto_generichash_KEYBYTES) {
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
  const std::string key = keyOf(login, password);
  std::lock_guard<std::mutex> lock(_mutex);
  auto found = _entries.find(key);
  if (found == _entries.end()) return std::nullopt;
  if (found->second.expiresAt <= now) {
    _entries.erase(found);
    return std::nullopt;
  }
  return found->second.userId;
}

void VerifiedLoginCache::remember(const std::string& login, const std::string& password, int64_t userId,
                                  Instant now) {
  const std::string key = keyOf(login, password);
  std::lock_guard<std::mutex> lock(_mutex);
  if (_entries.size() >= _capacity) {
    for (auto it = _entries.begin(); it != _entries.end();) it = it->second.expiresAt <= now ? _entries.erase(it) : std::next(it);
    if (_entries.size() >= _capacity) {
      auto oldest = std::min_element(_entries.begin(), _entries.end(), [](const auto& a, const auto& b) {
        return a.second.expiresAt < b.second.expiresAt;
      });
      _entries.erase(oldest);
    }
  }
  _entries[key] = Entry{userId, now + _ttlMs};
}

void VerifiedLoginCache::forget(int64_t userId) {
  std::lock_guard<std::mutex> lock(_mutex);
  for (auto it = _entries.begin(); it != _entries.end();) it = it->second.userId == userId ? _entries.erase(it) : std::next(it);
}

std::size_t VerifiedLoginCache::size() const {
  std::lock_guard<std::mutex> lock(_mutex);
  return _entries.size();
}

}  // namespace MultiFlexi
