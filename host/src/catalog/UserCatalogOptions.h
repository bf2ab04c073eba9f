// What the user catalog can be tuned with: the password hash cost, the
// clock, the failed sign-in throttle (tests make these small and fast).
#pragma once

#include "catalog/LoginThrottle.h"
#include "common/Clock.h"
#include "crypto/PasswordHash.h"

#include <functional>

namespace MultiFlexi {

struct UserCatalogOptions {
  PasswordHashCost cost = PasswordHashCost::interactive();
  /// The time, injectable for tests of expiry and throttling.
  std::function<Instant()> clock = nowMs;
  LoginThrottle::Policy throttle;
};

}  // namespace MultiFlexi
