#include "domain/Rules.h"

#include "common/Exceptions.h"

#include <date/tz.h>

namespace MultiFlexi::Rules {

void requireText(const std::string& field, const std::string& value, std::size_t maxLength) {
  if (value.empty()) throw ValidationException(field, "must not be empty");
  if (value.size() > maxLength)
    throw ValidationException(field, "longer than " + std::to_string(maxLength) + " bytes");
}

void requireTimeZone(const std::string& field, const std::string& zone) {
  try {
    date::locate_zone(zone);
  } catch (const std::runtime_error&) {
    throw ValidationException(field, "unknown time zone '" + zone +
                              "' (use an IANA name such as Europe/Prague or UTC)");
  }
}

}  // namespace MultiFlexi::Rules
