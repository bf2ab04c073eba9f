// Reading the REST API's input: ids in the path, numbers in the query, and
// the members of a JSON (or form) body, each checked for its type. The one
// typed reader of every route. Every error is a ValidationException naming
// the parameter or member and the reason; text with a NUL byte or longer
// than kMaxTextLength is refused, and so is an integer outside int64 (never
// wrapped). A member that is present must have its type: JSON null is not
// taken as "absent".
// Forms arrive as objects of strings, so integers and booleans are also
// accepted as their decimal or true/false text (booleans also as 0 and 1,
// as MultiFlexi's run template update sends "active").
#pragma once

#include "api/ApiRoute.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace MultiFlexi {

/// The longest text member or parameter the API accepts (bytes).
constexpr std::size_t kMaxTextLength = 65536;

/// Path parameter `name` as a positive id.
int64_t pathId(const ApiRequest& request, const std::string& name);
/// Query parameter `name` as an integer; nullopt when absent.
std::optional<int64_t> queryInteger(const ApiRequest& request, const std::string& name);
/// Query parameter `name` as an integer in [min, max]; nullopt when absent.
std::optional<int64_t> queryInteger(const ApiRequest& request, const std::string& name, int64_t min, int64_t max);
/// Query parameter `name` as text (NUL and length checked); nullopt when absent.
std::optional<std::string> queryText(const ApiRequest& request, const std::string& name);

/// The body, which must be a JSON object ("body" is the field otherwise),
/// with any members (member names are checked as text).
const OrderedJson& bodyObject(const ApiRequest& request);
/// The body as above; members outside `known` are refused, naming the first
/// (its first 64 bytes).
const OrderedJson& bodyObject(const ApiRequest& request, const std::set<std::string>& known);

/// Refuses a NUL byte in any member name or string of `document`, naming
/// its JSON path ("$.environment.KEY"); `path` is the document's own.
void requireNoNul(const OrderedJson& document, const std::string& path = "$");

std::optional<std::string> textMember(const OrderedJson& body, const std::string& name);
std::optional<int64_t> integerMember(const OrderedJson& body, const std::string& name);
std::optional<bool> boolMember(const OrderedJson& body, const std::string& name);
/// An object of text values ({"KEY": "value"}); numbers and booleans are
/// taken as their JSON text; nullopt when absent.
std::optional<std::map<std::string, std::string>> textMapMember(const OrderedJson& body, const std::string& name);

}  // namespace MultiFlexi
