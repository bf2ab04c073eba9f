// The JSON document type of manifests and CLI output: nlohmann's, keeping
// key order. (POCO's parser reports no line or column for syntax errors,
// which manifest import must name.) Every JSON text the host reads from
// outside (manifests, credential prototypes, schemas, plugin answers) goes
// through parseJson, which bounds nesting before anything recurses.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace MultiFlexi {

using OrderedJson = nlohmann::ordered_json;

/// The deepest nesting of arrays and objects parseJson accepts. Real
/// documents are far shallower (MultiFlexi's manifests about 4 levels, its
/// JSON schemas 10); what reads a document afterwards (valijson, dump, the
/// codecs) recurses once or more per level, and 64 levels keep that well
/// inside a thread's stack, also under AddressSanitizer.
constexpr std::size_t kMaxJsonDepth = 64;

/// Where `text` first nests deeper than `maxDepth` arrays and objects, as
/// the JSON path of the value that opens level maxDepth + 1 ("$.a[3].b");
/// nothing when it does not (or when it stops being JSON before that). A
/// non-recursive scan (nlohmann's SAX parser); builds no document.
std::optional<std::string> jsonTooDeepAt(std::string_view text, std::size_t maxDepth = kMaxJsonDepth);

/// Parses `text`. Throws ValidationException "<JSON path>: nesting deeper
/// than <maxDepth> levels" before building anything when it nests deeper,
/// and nlohmann::json::parse_error (with line and column) when it is not JSON.
OrderedJson parseJson(std::string_view text, std::size_t maxDepth = kMaxJsonDepth);

/// The members of `object` outside `known`, as a JSON object text (kept so
/// that export writes them back); nothing when there are none.
std::optional<std::string> extraMembers(const OrderedJson& object, const std::set<std::string>& known);

}  // namespace MultiFlexi
