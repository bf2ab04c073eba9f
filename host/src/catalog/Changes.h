// What the catalogs' change records share: how a clearable field is applied.
#pragma once

#include <optional>
#include <string>

namespace MultiFlexi {

/// Applies a clearable field of a change: not given keeps `field`, an empty
/// text clears it, any other text sets it.
inline void applyClearable(const std::optional<std::string>& given, std::optional<std::string>& field) {
  if (given) field = given->empty() ? std::nullopt : given;
}

}  // namespace MultiFlexi
