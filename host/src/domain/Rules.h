// Small value rules shared by the entities. Each throws ValidationException
// whose message starts with the field name. (Environment variable names:
// domain/EnvNames.h.)
#pragma once

#include <string>

namespace MultiFlexi::Rules {

/// A non-empty text of at most maxLength bytes.
void requireText(const std::string& field, const std::string& value, std::size_t maxLength);
/// A time zone of the IANA database ("Europe/Prague", "UTC").
void requireTimeZone(const std::string& field, const std::string& zone);

}  // namespace MultiFlexi::Rules
