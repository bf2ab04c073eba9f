#include "api/RequestFields.h"

#include "common/Exceptions.h"

#include <Poco/NumberParser.h>

namespace MultiFlexi {

namespace {
std::optional<int64_t> wholeNumber(const std::string& text) {
  Poco::Int64 n = 0;
  if (text.empty() || text.size() > 19 || !Poco::NumberParser::tryParse64(text, n)) return std::nullopt;
  return n;
}
}  // namespace

const OrderedJson& bodyObject(const ApiRequest& request) {
  if (!request.body || !request.body->is_object()) throw ValidationException("body", "expected a JSON object");
  return *request.body;
}

void refuseUnknownMembers(const OrderedJson& object, const std::set<std::string>& known) {
  for (const auto& [name, member] : object.items())
    if (known.count(name) == 0)
      throw ValidationException(name.size() <= 64 ? name : name.substr(0, 64) + "...", "unknown field");
}

std::optional<std::string> textField(const OrderedJson& object, const std::string& name) {
  auto found = object.find(name);
  if (found == object.end() || found->is_null()) return std::nullopt;
  if (!found->is_string()) throw ValidationException(name, "expected a string");
  return found->get<std::string>();
}

std::optional<bool> boolField(const OrderedJson& object, const std::string& name) {
  auto found = object.find(name);
  if (found == object.end() || found->is_null()) return std::nullopt;
  if (found->is_boolean()) return found->get<bool>();
  if (found->is_string()) {
    const std::string v = found->get<std::string>();
    if (v == "1" || v == "true") return true;
    if (v == "0" || v == "false") return false;
  }
  throw ValidationException(name, "expected true or false");
}

std::optional<int64_t> integerField(const OrderedJson& object, const std::string& name) {
  auto found = object.find(name);
  if (found == object.end() || found->is_null()) return std::nullopt;
  if (found->is_number_integer()) return found->get<int64_t>();
  if (found->is_string())
    if (auto n = wholeNumber(found->get<std::string>())) return n;
  throw ValidationException(name, "expected a whole number");
}

std::optional<int64_t> queryInteger(const ApiRequest& request, const std::string& name, int64_t min, int64_t max) {
  auto found = request.query.find(name);
  if (found == request.query.end()) return std::nullopt;
  const auto n = wholeNumber(found->second);
  if (!n || *n < min || *n > max)
    throw ValidationException(name, "expected a whole number from " + std::to_string(min) + " to " +
                                        std::to_string(max));
  return n;
}

}  // namespace MultiFlexi
