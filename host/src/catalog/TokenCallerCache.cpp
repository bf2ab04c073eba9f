#include "catalog/TokenCallerCache.h"

#include <algorithm>

namespace MultiFlexi {

TokenCallerCache::TokenCallerCache(int64_t ttlMs, std::size_t capacity) : _ttlMs(ttlMs), _entries(capacity) {}

std::optional<TokenCallerCache::Hit> TokenCallerCache::lookup(const std::string& tokenHash, Instant now,
                                                              int64_t touchEveryMs) {
  bool touchDue = false;
  auto entry = _entries.find(tokenHash, now, [&](Entry& e) {
    if (e.lastUsedAt + touchEveryMs > now) return;
    e.lastUsedAt = now;  // this hit writes it; the others of this minute do not
    touchDue = true;
  });
  if (!entry) return std::nullopt;
  return Hit{entry->tokenId, entry->caller, touchDue};
}

void TokenCallerCache::remember(const std::string& tokenHash, int64_t tokenId, const Caller& caller,
                                Instant lastUsedAt, Instant now, uint64_t since) {
  Instant until = now + _ttlMs;
  if (caller.credentialExpiresAt) until = std::min(until, *caller.credentialExpiresAt);
  if (until <= now) return;
  _entries.put(tokenHash, Entry{tokenId, caller, lastUsedAt}, until, now);
  // A forget that ran while the store was read may have missed this entry: drop it again.
  if (_generation.load() != since) _entries.eraseIf([tokenId](const Entry& e) { return e.tokenId == tokenId; });
}

void TokenCallerCache::forgetToken(int64_t tokenId) {
  ++_generation;
  _entries.eraseIf([tokenId](const Entry& e) { return e.tokenId == tokenId; });
}

void TokenCallerCache::forgetUser(int64_t userId) {
  ++_generation;
  _entries.eraseIf([userId](const Entry& e) { return e.caller.userId == userId; });
}

}  // namespace MultiFlexi
