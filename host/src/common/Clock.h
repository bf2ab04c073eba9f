// Time as the store keeps it: UTC instants in milliseconds since the epoch.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
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

/// A date and time as written, without a zone: its meaning depends on the
/// zone it is read in.
struct LocalDateTime {
  int year, month, day, hour, minute, second, millisecond;
};

/// Reads "YYYY-MM-DD[T| ]HH:MM[:SS[.fff]]" optionally followed by "Z" or
/// "+HH:MM"/"-HH:MM". Returns nothing when the text is not in that form or
/// a field is out of range. `offsetMinutes` is set when a zone suffix was
/// given (Z = 0).
std::optional<LocalDateTime> parseDateTime(const std::string& text, std::optional<int>& offsetMinutes);

/// The instant a date and time with a UTC offset denote.
Instant instantOf(const LocalDateTime& t, int offsetMinutes);

}  // namespace MultiFlexi
