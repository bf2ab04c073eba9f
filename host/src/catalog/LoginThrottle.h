// Failed sign-ins per account and per remote address, in memory (a restart
// forgets them; several host processes do not share them). After
// `freeFailures` failures within `windowMs`, every further attempt for that
// key is refused until 2^n seconds (n: failures beyond the free ones) have
// passed since the last failure, at most `maxDelayMs`.
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
    /// Keys tracked at most; beyond it the stalest are dropped (logged by the caller as degraded).
    std::size_t capacity = 100'000;
  };
  LoginThrottle() : LoginThrottle(Policy()) {}
  explicit LoginThrottle(Policy policy) : _policy(policy) {}

  /// How long attempts for `key` are still refused at `now`; 0 when allowed.
  int64_t refusedForMs(const std::string& key, Instant now);
  void recordFailure(const std::string& key, Instant now);
  /// Forgets the key's failures (a successful sign-in of the account).
  void recordSuccess(const std::string& key);

 private:
  void prune(std::vector<Instant>& failures, Instant now) const;

  const Policy _policy;
  std::mutex _mutex;
  std::map<std::string, std::vector<Instant>> _failures;
};

}  // namespace MultiFlexi
