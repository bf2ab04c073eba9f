#include "api/ApiInput.h"

#include "common/Exceptions.h"

#include <Poco/NumberParser.h>

#include <cstdint>

namespace MultiFlexi {

namespace {
void checkText(const std::string& field, const std::string& text) {
  if (text.find('\0') != std::string::npos) throw ValidationException(field, "must not contain a NUL byte");
  if (text.size() > kMaxTextLength)
    throw ValidationException(field, "longer than " + std::to_string(kMaxTextLength) + " bytes");
}

/// The int64 `text` spells; nothing for other text or a value out of range
/// (tryParse64 refuses an overflow).
std::optional<int64_t> parsedInteger(const std::string& text) {
  Poco::Int64 n = 0;
  // tryParse64 skips blanks around the digits: a strict reading refuses them.
  const bool digits = !text.empty() && text.find_first_not_of("-0123456789") == std::string::npos;
  if (!digits || !Poco::NumberParser::tryParse64(text, n)) return std::nullopt;
  // Poco 1.11 also reads "-9223372036854775809" as INT64_MIN: that bound is checked by its text.
  if (n == INT64_MIN) {
    const auto first = text.find_first_not_of("-0");
    if (first == std::string::npos || text.substr(first) != "9223372036854775808") return std::nullopt;
  }
  return n;
}

int64_t integerText(const std::string& field, const std::string& text) {
  checkText(field, text);
  if (auto n = parsedInteger(text)) return *n;
  throw ValidationException(field, "must be an integer");
}

const OrderedJson* member(const OrderedJson& body, const std::string& name) {
  auto it = body.find(name);
  return it == body.end() ? nullptr : &*it;
}
}  // namespace

int64_t pathId(const ApiRequest& request, const std::string& name) {
  const auto found = request.path.find(name);
  const std::string text = found == request.path.end() ? std::string() : found->second;
  Poco::Int64 id = 0;
  const bool digits = !text.empty() && text.size() <= 19 && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || !Poco::NumberParser::tryParse64(text, id) || id < 1)
    throw ValidationException(name, "not a record id: expected a whole number from 1 to 9223372036854775807");
  return id;
}

std::optional<int64_t> queryInteger(const ApiRequest& request, const std::string& name) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  return integerText(name, it->second);
}

std::optional<int64_t> queryInteger(const ApiRequest& request, const std::string& name, int64_t min, int64_t max) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  const auto n = parsedInteger(it->second);  // NUL or over-long text is no integer either
  if (!n || *n < min || *n > max)
    throw ValidationException(name,
                              "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  return n;
}

std::optional<std::string> queryText(const ApiRequest& request, const std::string& name) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  checkText(name, it->second);
  return it->second;
}

const OrderedJson& bodyObject(const ApiRequest& request) {
  if (!request.body || !request.body->is_object()) throw ValidationException("body", "must be a JSON object");
  for (const auto& [key, value] : request.body->items()) checkText("body", key);
  return *request.body;
}

const OrderedJson& bodyObject(const ApiRequest& request, const std::set<std::string>& known) {
  const OrderedJson& body = bodyObject(request);
  for (const auto& [key, value] : body.items())
    if (!known.count(key))
      throw ValidationException(key.size() <= 64 ? key : key.substr(0, 64) + "...", "unknown member");
  return body;
}

void requireNoNul(const OrderedJson& document, const std::string& path) {
  // Recursion is bounded: bodies are parsed with parseJson (kMaxJsonDepth).
  if (document.is_string()) {
    if (document.get_ref<const std::string&>().find('\0') != std::string::npos)
      throw ValidationException(path, "must not contain a NUL byte");
  } else if (document.is_object()) {
    for (const auto& [key, value] : document.items()) {
      if (key.find('\0') != std::string::npos) throw ValidationException(path, "a member name holds a NUL byte");
      requireNoNul(value, path + "." + key);
    }
  } else if (document.is_array()) {
    for (std::size_t i = 0; i < document.size(); ++i) requireNoNul(document[i], path + "[" + std::to_string(i) + "]");
  }
}

std::optional<std::string> textMember(const OrderedJson& body, const std::string& name) {
  const OrderedJson* v = member(body, name);
  if (!v) return std::nullopt;
  if (!v->is_string()) throw ValidationException(name, "must be a string");
  const std::string text = v->get<std::string>();
  checkText(name, text);
  return text;
}

std::optional<int64_t> integerMember(const OrderedJson& body, const std::string& name) {
  const OrderedJson* v = member(body, name);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) {
    if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
      throw ValidationException(name, "out of range");
    return v->get<int64_t>();
  }
  if (v->is_string()) return integerText(name, v->get<std::string>());
  throw ValidationException(name, "must be an integer");
}

std::optional<bool> boolMember(const OrderedJson& body, const std::string& name) {
  const OrderedJson* v = member(body, name);
  if (!v) return std::nullopt;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_number_integer() && (*v == 0 || *v == 1)) return *v == 1;  // MultiFlexi's "active": 0|1
  if (v->is_string()) {
    const std::string text = v->get<std::string>();
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
  }
  throw ValidationException(name, "must be true or false");
}

std::optional<std::map<std::string, std::string>> textMapMember(const OrderedJson& body, const std::string& name) {
  const OrderedJson* v = member(body, name);
  if (!v) return std::nullopt;
  if (!v->is_object()) throw ValidationException(name, "must be an object of text values");
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : v->items()) {
    const std::string field = name + "." + key;
    checkText(name, key);
    if (value.is_string())
      out[key] = value.get<std::string>();
    else if (value.is_number() || value.is_boolean())
      out[key] = value.dump();
    else
      throw ValidationException(field, "must be text, a number or a boolean");
    checkText(field, out[key]);
  }
  return out;
}

}  // namespace MultiFlexi
