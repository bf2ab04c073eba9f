// The small pieces every JSON shape of a record is built from: an optional
// value as JSON null or as a member left out, an instant as ISO 8601 UTC,
// and a map of values with its secret ones masked. One home, so that the
// CLI's shapes (EntityJson, UserJson) and the API's (ApiJson) spell absence
// and masking the same way. Pure functions; no I/O.
#pragma once

#include "common/Clock.h"
#include "common/Json.h"

#include <map>
#include <optional>
#include <set>
#include <string>

namespace MultiFlexi {

/// The value, or JSON null when there is none.
template <class T>
OrderedJson nullable(const std::optional<T>& value) {
  return value ? OrderedJson(*value) : OrderedJson();
}
/// The instant as formatInstant writes it, or JSON null when there is none.
/// (Instant is an int64_t: nullable() would write it as a number.)
OrderedJson nullableInstant(const std::optional<Instant>& value);

/// Sets member `name` only when there is a value (for a schema whose member
/// is not nullable: a record without a value leaves it out).
template <class T>
void setIf(OrderedJson& object, const char* name, const std::optional<T>& value) {
  if (value) object[name] = *value;
}
/// setIf for an instant, written as formatInstant does.
void setInstantIf(OrderedJson& object, const char* name, const std::optional<Instant>& value);

/// `values` as a JSON object, those named in `secret` replaced by
/// SecretMasker::kMask unless `reveal`.
OrderedJson maskedValues(const std::map<std::string, std::string>& values, const std::set<std::string>& secret,
                         bool reveal);
/// `values` as a JSON object, every one replaced by SecretMasker::kMask
/// unless `reveal` (a map whose values may all be secrets, such as a
/// company's environment); the names stay visible.
OrderedJson maskedValues(const std::map<std::string, std::string>& values, bool reveal);

/// `object` without its members whose value is JSON null (a CLI shape,
/// where absence is null, turned into an API shape, where it is omitted).
OrderedJson withoutNulls(OrderedJson object);

}  // namespace MultiFlexi
