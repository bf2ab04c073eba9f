#include "manifest/ManifestValidator.h"

#include "common/Exceptions.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace MultiFlexi {

namespace {

/// valijson's context ("<root>", "[environment]", "[0]") as a JSON path.
std::string jsonPath(const std::vector<std::string>& context) {
  std::string path = "$";
  for (const auto& part : context) {
    if (part == "<root>") continue;
    const std::string inner = part.size() >= 2 && part.front() == '[' ? part.substr(1, part.size() - 2) : part;
    const bool index = !inner.empty() && inner.find_first_not_of("0123456789") == std::string::npos;
    path += index ? "[" + inner + "]" : "." + inner;
  }
  return path;
}

/// The same context as a JSON pointer: "/environment/X" ("~" and "/" escaped).
std::string jsonPointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    const std::string inner = part.size() >= 2 && part.front() == '[' ? part.substr(1, part.size() - 2) : part;
    pointer += '/' + jsonPointerToken(inner);
  }
  return pointer;
}

std::string parseErrorText(const std::string& what) {
  // "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
  const std::size_t close = what.find("] ");
  return close == std::string::npos ? what : what.substr(close + 2);
}

}  // namespace

std::string jsonPointerToken(const std::string& name) {
  std::string token;
  for (char c : name) token += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return token;
}

ManifestValidator::ManifestValidator(const std::string& schemaPath)
    : _schemaPath(schemaPath), _schema(std::make_unique<valijson::Schema>()) {
  const OrderedJson schemaDoc = readJson(schemaPath);
  const nlohmann::json plain = nlohmann::json::parse(schemaDoc.dump());
  try {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(plain);
    parser.populateSchema(adapter, *_schema);
  } catch (const std::exception& e) {
    throw ManifestException(schemaPath + ": not a usable JSON schema: " + e.what());
  }
}

ManifestValidator::~ManifestValidator() = default;

OrderedJson ManifestValidator::readJson(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ManifestException(path + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  try {
    return parseJson(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw ManifestException(path + ": not valid JSON: " + parseErrorText(e.what()));
  } catch (const ValidationException& e) {
    throw ManifestException(path + ": " + e.message());
  }
}

void ManifestValidator::validate(const OrderedJson& manifest, const std::string& file) const {
  const std::vector<FieldProblem> problems = violations(manifest);
  if (problems.empty()) return;
  std::string message = file + ": " + problems.front().field + ": " + problems.front().reason;
  if (problems.size() > 1) message += " (and " + std::to_string(problems.size() - 1) + " more violations)";
  throw ManifestException(message);
}

std::vector<FieldProblem> ManifestValidator::violations(const OrderedJson& manifest, ViolationPath style) const {
  const auto path = style == ViolationPath::JsonPointer ? jsonPointer : jsonPath;
  const nlohmann::json plain = nlohmann::json::parse(manifest.dump());
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(plain);
  if (validator.validate(*_schema, adapter, &results)) return {};
  // valijson reports the deepest violation first, then one "failed to
  // validate" per enclosing level: keep only those that are not ancestors.
  std::vector<valijson::ValidationResults::Error> errors;
  for (valijson::ValidationResults::Error e; results.popError(e);) errors.push_back(e);
  auto isAncestor = [](const std::vector<std::string>& outer, const std::vector<std::string>& inner) {
    return outer.size() < inner.size() && std::equal(outer.begin(), outer.end(), inner.begin());
  };
  std::vector<FieldProblem> out{{path(errors.front().context), errors.front().description}};
  for (std::size_t i = 1; i < errors.size(); ++i) {
    bool ancestor = false;
    for (const auto& e : errors) ancestor = ancestor || isAncestor(errors[i].context, e.context);
    if (!ancestor) out.push_back({path(errors[i].context), errors[i].description});
  }
  return out;
}

}  // namespace MultiFlexi
