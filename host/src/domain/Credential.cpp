#include "domain/Credential.h"

#include "common/Exceptions.h"
#include "common/Json.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace MultiFlexi {

std::string requirementKey(const std::string& code) {
  std::string key = code;
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  return key;
}

std::map<std::string, std::string> mergedValues(const std::vector<PrototypeField>& fields,
                                                const std::map<std::string, std::string>& typeSettings,
                                                const std::map<std::string, std::string>& values) {
  std::map<std::string, std::string> out;
  for (const PrototypeField& f : fields)
    if (f.defaultValue) out[f.keyword] = *f.defaultValue;
  for (const auto& [k, v] : typeSettings) out[k] = v;
  for (const auto& [k, v] : values) out[k] = v;
  return out;
}

namespace {

std::optional<std::string> typeProblem(const PrototypeField& f, const std::string& v) {
  static const std::regex integer("^-?[0-9]+$");
  static const std::regex number("^-?[0-9]+(\\.[0-9]+)?$");
  if (v.empty()) return std::nullopt;
  if (f.type == "integer" && !std::regex_match(v, integer)) return "expected a whole number";
  if (f.type == "number" && !std::regex_match(v, number)) return "expected a number";
  if (f.type == "boolean" && v != "true" && v != "false" && v != "1" && v != "0")
    return "expected true, false, 1 or 0";
  if (f.type == "email" && v.find('@') == std::string::npos) return "expected an e-mail address";
  if (f.type == "url" && v.find("://") == std::string::npos) return "expected a URL (scheme://...)";
  if (f.type == "select" && f.optionsJson) {
    std::string allowed;
    for (const auto& option : OrderedJson::parse(*f.optionsJson)) {
      const std::string value = option.value("value", "");
      if (value == v) return std::nullopt;
      allowed += (allowed.empty() ? "" : ", ") + value;
    }
    return "expected one of " + allowed;
  }
  if (v.find('\0') != std::string::npos) return "contains a NUL byte";
  return std::nullopt;
}

}  // namespace

void validateFieldValues(const std::vector<PrototypeField>& fields, const std::map<std::string, std::string>& values,
                         bool complete, const std::string& what) {
  std::vector<FieldProblem> problems;
  std::string known;
  for (const PrototypeField& f : fields) known += (known.empty() ? "" : ", ") + f.keyword;
  for (const auto& [key, value] : values) {
    auto field = std::find_if(fields.begin(), fields.end(), [&](const PrototypeField& f) { return f.keyword == key; });
    if (field == fields.end()) {
      problems.push_back({"fields." + key, what + " has no field '" + key + "' (fields: " +
                                               (known.empty() ? "none" : known) + ")"});
      continue;
    }
    if (auto problem = typeProblem(*field, value))
      problems.push_back({"fields." + key, *problem});  // never the value: it may be a secret
  }
  if (complete)
    for (const PrototypeField& f : fields) {
      auto it = values.find(f.keyword);
      if (f.required && (it == values.end() || it->second.empty()))
        problems.push_back({"fields." + f.keyword, "required by " + what + " and not set"});
    }
  if (!problems.empty()) throw ValidationException(std::move(problems));
}

void validateCredentialName(const std::string& name, const std::string& option) {
  if (name.empty() || name.size() > 255) throw ValidationException(option + ": must be 1-255 characters");
}

}  // namespace MultiFlexi
