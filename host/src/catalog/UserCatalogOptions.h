// What the user catalog can be tuned with: the password hash cost, the
// clock, the failed sign-in throttle (tests make these small and fast), and
// how long console sessions last.
#pragma once

#include "catalog/LoginThrottle.h"
#include "common/Clock.h"
#include "crypto/PasswordHash.h"

#include <cstdint>
#include <functional>

namespace MultiFlexi {

/// How long a console session lasts, in ms (MULTIFLEXI_SESSION_IDLE, MULTIFLEXI_SESSION_LIFETIME).
struct SessionPolicy {
  /// Unused this long, it ends (its last use is written at most once a
  /// minute, so it may end up to a minute early).
  int64_t idleMs = 1'800'000;
  /// It ends this long after sign-in, used or not.
  int64_t lifetimeMs = 43'200'000;
};

struct UserCatalogOptions {
  PasswordHashCost cost = PasswordHashCost::interactive();
  /// The time, injectable for tests of expiry and throttling.
  std::function<Instant()> clock = nowMs;
  LoginThrottle::Policy throttle;
  SessionPolicy sessions;
};

}  // namespace MultiFlexi
