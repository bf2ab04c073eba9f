// Failed sign-ins per account and per remote address, in memory (a restart
// forgets them; several host processes do not share them). After
// `freeFailures` failures within `windowMs`, every further attempt for that
// key is refused until 2^n seconds (n: failures beyond the free ones) have
// passed since the last failure, at most `maxDelayMs`.
//
// Memory is bounded by `capacity` keys. When full, a new key first makes
// room by dropping keys whose failures have all left the window (at most one
// sweep a second); a key with a failure in the window is never dropped, so a
// flood of new keys cannot free a throttled one. With no room, a new key is
// not tracked and never refused: refusing every untracked key would lock
// every new client out while the flood lasts. That degraded mode is logged
// (multiflexi.auth, once per episode) and counted (overflowed()). Filling the
// table takes `capacity` failures within the window, each one an Argon2id
// verification by the caller (UserCatalog records no failure that skipped
// it), which the default capacity puts beyond what a host can verify.
//
// Threads: every method may be called from several threads at once.
#pragma once

#include "common/Clock.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace MultiFlexi {

class LoginThrottle {
 public:
  struct Policy {
    int freeFailures = 5;
    int64_t windowMs = 15 * 60'000;
    int64_t maxDelayMs = 15 * 60'000;
    /// Keys tracked at most; beyond it new keys go untracked (counted).
    std::size_t capacity = 100'000;
  };
  LoginThrottle() : LoginThrottle(Policy()) {}
  explicit LoginThrottle(Policy policy) : _policy(policy) {}

  /// How long attempts for `key` are still refused at `now`; 0 when allowed.
  int64_t refusedForMs(const std::string& key, Instant now);
  void recordFailure(const std::string& key, Instant now);
  /// Forgets the key's failures (a successful sign-in of the account).
  void recordSuccess(const std::string& key);
  /// Failures not tracked because the table was full.
  std::uint64_t overflowed() const;
  /// Keys tracked now.
  std::size_t tracked() const;

 private:
  void prune(std::vector<Instant>& failures, Instant now) const;
  int64_t refusal(std::vector<Instant>& failures, Instant now) const;
  /// Drops keys with no failure left in the window; true when there is room.
  bool makeRoom(Instant now);

  const Policy _policy;
  mutable std::mutex _mutex;  // guards what follows
  std::map<std::string, std::vector<Instant>> _failures;
  std::uint64_t _overflowed = 0;
  bool _overflowing = false;
  Instant _lastSweep = 0;
};

}  // namespace MultiFlexi
