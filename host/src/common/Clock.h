// Time as the store keeps it: UTC instants in milliseconds since the epoch.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace MultiFlexi {

/// Milliseconds since 1970-01-01T00:00:00Z.
using Instant = int64_t;

/// The current instant.
inline Instant nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// "2026-11-23T02:00:00.123Z".
std::string formatInstant(Instant ms);

}  // namespace MultiFlexi
