// application/x-www-form-urlencoded text (a query string, a form body) as
// name -> value: "+" is a space, %XX escapes are decoded, a name given twice
// keeps its first value, a pair without "=" has an empty value.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace MultiFlexi {

/// Throws ValidationException naming `field` ("query", "body") for a
/// malformed %-escape.
std::map<std::string, std::string> parseUrlEncoded(std::string_view text, const std::string& field);

/// One %-decoded component ("+" as a space). Throws
/// ValidationException naming `field` when malformed.
std::string decodeUrlComponent(std::string_view text, const std::string& field);

}  // namespace MultiFlexi
