// Callers resolved from API tokens a moment ago, so that a Bearer request
// does not read the token, its user and the user's roles from the store
// every time. An entry is keyed by the token's stored hash (apiTokenHash,
// what api_tokens holds; never the token) and keeps the token id, the
// resolved Caller and when the token's last use was written.
//
// An entry lives `ttlMs` (10 s by default) and never past the token's own
// expiry. The user catalog drops entries at once when, in this process, a
// token is revoked or deleted, or a user is changed, disabled, deleted or
// given or taken a role. A change made by another process (the CLI
// revoking a token, say) is seen once the entry expires: after `ttlMs` at
// the latest.
//
// Threads: every method may be called from several threads at once.
#pragma once

#include "common/Clock.h"
#include "common/ExpiringMap.h"
#include "domain/Caller.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace MultiFlexi {

class TokenCallerCache {
 public:
  struct Hit {
    int64_t tokenId = 0;
    Caller caller;
    /// True for one hit a minute (`touchEveryMs`): that caller writes the last use.
    bool touchDue = false;
  };

  /// At most `capacity` entries; the soonest to expire go first when full.
  explicit TokenCallerCache(int64_t ttlMs = 10'000, std::size_t capacity = 4096);

  /// The caller cached for this token hash, when not expired at `now`.
  std::optional<Hit> lookup(const std::string& tokenHash, Instant now, int64_t touchEveryMs);
  /// Where the store reads of a token start: remember() keeps their result
  /// only when nothing was forgotten since (a revoke in between wins).
  uint64_t generation() const { return _generation.load(); }
  /// Keeps `caller` (its credentialExpiresAt bounds the entry) for the token.
  /// `lastUsedAt`: the last use as the store has it now.
  void remember(const std::string& tokenHash, int64_t tokenId, const Caller& caller, Instant lastUsedAt, Instant now,
                uint64_t since);
  /// Drops the entry of the token (revoked or deleted).
  void forgetToken(int64_t tokenId);
  /// Drops every entry of the user (changed, disabled, deleted, roles changed).
  void forgetUser(int64_t userId);
  std::size_t size() const { return _entries.size(); }

 private:
  struct Entry {
    int64_t tokenId;
    Caller caller;
    Instant lastUsedAt;
  };
  const int64_t _ttlMs;
  std::atomic<uint64_t> _generation{0};
  ExpiringMap<Entry> _entries;
};

}  // namespace MultiFlexi
