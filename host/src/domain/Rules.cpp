#include "domain/Rules.h"

#include "common/Exceptions.h"

#include <date/tz.h>

namespace MultiFlexi::Rules {

void requireText(const std::string& field, const std::string& value, std::size_t maxLength) {
  if (value.empty()) throw ValidationException(field + ": must not be empty");
  if (value.size() > maxLength)
    throw ValidationException(field + ": longer than " + std::to_string(maxLength) + " bytes");
}

void requireEnvName(const std::string& field, const std::string& name) {
  bool ok = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name)
    ok = ok && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!ok)
    throw ValidationException(field + ": '" + name +
                              "' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
}

void requireTimeZone(const std::string& field, const std::string& zone) {
  try {
    date::locate_zone(zone);
  } catch (const std::runtime_error&) {
    throw ValidationException(field + ": unknown time zone '" + zone +
                              "' (use an IANA name such as Europe/Prague or UTC)");
  }
}

}  // namespace MultiFlexi::Rules
