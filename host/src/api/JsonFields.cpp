#include "api/JsonFields.h"

#include "executor/SecretMasker.h"

namespace MultiFlexi {

OrderedJson nullableInstant(const std::optional<Instant>& value) {
  return value ? OrderedJson(formatInstant(*value)) : OrderedJson();
}

void setInstantIf(OrderedJson& object, const char* name, const std::optional<Instant>& value) {
  if (value) object[name] = formatInstant(*value);
}

OrderedJson maskedValues(const std::map<std::string, std::string>& values, const std::set<std::string>& secret,
                         bool reveal) {
  OrderedJson out = OrderedJson::object();
  for (const auto& [k, v] : values) out[k] = secret.count(k) && !reveal ? SecretMasker::kMask : v;
  return out;
}

OrderedJson maskedValues(const std::map<std::string, std::string>& values, bool reveal) {
  OrderedJson out = OrderedJson::object();
  for (const auto& [k, v] : values) out[k] = reveal ? v : SecretMasker::kMask;
  return out;
}

OrderedJson withoutNulls(OrderedJson object) {
  for (auto it = object.begin(); it != object.end();) it = it->is_null() ? object.erase(it) : std::next(it);
  return object;
}

}  // namespace MultiFlexi
