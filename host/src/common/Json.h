// The JSON document type of manifests and CLI output: nlohmann's, keeping
// key order. (POCO's parser reports no line or column for syntax errors,
// which manifest import must name.)
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>

namespace MultiFlexi {

using OrderedJson = nlohmann::ordered_json;

/// The members of `object` outside `known`, as a JSON object text (kept so
/// that export writes them back); nothing when there are none.
std::optional<std::string> extraMembers(const OrderedJson& object, const std::set<std::string>& known);

}  // namespace MultiFlexi
