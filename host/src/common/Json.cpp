#include "common/Json.h"

namespace MultiFlexi {

std::optional<std::string> extraMembers(const OrderedJson& object, const std::set<std::string>& known) {
  OrderedJson extra = OrderedJson::object();
  for (const auto& [key, value] : object.items())
    if (!known.count(key)) extra[key] = value;
  if (extra.empty()) return std::nullopt;
  return extra.dump();
}

}  // namespace MultiFlexi
