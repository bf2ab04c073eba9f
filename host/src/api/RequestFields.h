// Reading the fields of an ApiRequest with their types checked: a missing,
// mistyped or malformed field is a ValidationException naming it.
#pragma once

#include "api/ApiInput.h"
#include "api/ApiRoute.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace MultiFlexi {

/// The body as a JSON object; ValidationException("body") otherwise.
const OrderedJson& bodyObject(const ApiRequest& request);
/// ValidationException naming the first member of `object` outside `known`.
void refuseUnknownMembers(const OrderedJson& object, const std::set<std::string>& known);
/// Member `name` of `object` as text, if present and not null.
std::optional<std::string> textField(const OrderedJson& object, const std::string& name);
/// As a boolean (true/false, or "1"/"0"/"true"/"false" from a form).
std::optional<bool> boolField(const OrderedJson& object, const std::string& name);
/// As a whole number (or its digits from a form).
std::optional<int64_t> integerField(const OrderedJson& object, const std::string& name);
/// Query parameter `name` as a whole number in [min, max].
std::optional<int64_t> queryInteger(const ApiRequest& request, const std::string& name, int64_t min, int64_t max);

}  // namespace MultiFlexi
