// The JSON document type of manifests and CLI output: nlohmann's, keeping
// key order. (POCO's parser reports no line or column for syntax errors,
// which manifest import must name.)
#pragma once

#include <nlohmann/json.hpp>

namespace MultiFlexi {

using OrderedJson = nlohmann::ordered_json;

}  // namespace MultiFlexi
