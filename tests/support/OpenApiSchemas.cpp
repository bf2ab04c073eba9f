#include "OpenApiSchemas.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace MultiFlexi::Testing {

namespace {
// A plain YAML scalar as the JSON value YAML 1.2's core schema reads it;
// a quoted one stays a string.
nlohmann::json scalarOf(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return text;
  if (text == "true" || text == "True") return true;
  if (text == "false" || text == "False") return false;
  if (text == "null" || text == "~" || text.empty()) return nullptr;
  char* end = nullptr;
  const long long integer = std::strtoll(text.c_str(), &end, 10);
  if (end && *end == '\0' && end != text.c_str()) return integer;
  const double real = std::strtod(text.c_str(), &end);
  if (end && *end == '\0' && end != text.c_str()) return real;
  return text;
}

nlohmann::json jsonOf(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& item : node) out[item.first.as<std::string>()] = jsonOf(item.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : node) out.push_back(jsonOf(item));
      return out;
    }
    case YAML::NodeType::Scalar: return scalarOf(node);
    default: return nullptr;
  }
}

// "#/components/schemas/Job" -> the node it points to.
const nlohmann::json& target(const nlohmann::json& document, const std::string& ref) {
  if (ref.rfind("#/", 0) != 0) throw std::runtime_error("external $ref not supported: " + ref);
  return document.at(nlohmann::json::json_pointer(ref.substr(1)));
}

// The schema with every $ref replaced by its target (siblings of a $ref kept
// over it) and `nullable: true` turned into JSON Schema's type list.
nlohmann::json resolved(const nlohmann::json& document, const nlohmann::json& schema, int depth = 0) {
  if (depth > 32) throw std::runtime_error("$ref nesting too deep (a cycle?)");
  if (schema.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : schema) out.push_back(resolved(document, item, depth + 1));
    return out;
  }
  if (!schema.is_object()) return schema;
  nlohmann::json out = nlohmann::json::object();
  if (schema.contains("$ref")) out = resolved(document, target(document, schema["$ref"].get<std::string>()), depth + 1);
  for (const auto& [key, value] : schema.items()) {
    if (key == "$ref" || key == "example" || key == "xml" || key.rfind("x-", 0) == 0) continue;
    // "properties" and "additionalProperties" hold schemas; other members hold schemas or plain values alike.
    out[key] = resolved(document, value, depth + 1);
  }
  const bool nullable = out.value("nullable", false) && out.contains("type") && out["type"].is_string();
  out.erase("nullable");
  // valijson applies "format" to null too: a nullable schema is "null, or the schema".
  if (nullable) return nlohmann::json{{"anyOf", nlohmann::json::array({{{"type", "null"}}, out})}};
  return out;
}
}  // namespace

OpenApiSchemas::OpenApiSchemas(const std::string& yamlFile) {
  try {
    _document = jsonOf(YAML::LoadFile(yamlFile));
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(yamlFile + ": " + e.what());
  }
}

nlohmann::json OpenApiSchemas::responseSchema(const std::string& method, const std::string& path, int status) const {
  std::string verb = method;
  for (char& c : verb) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string escaped;  // JSON Pointer: "~" -> "~0", "/" -> "~1"
  for (char c : path) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  const nlohmann::json::json_pointer pointer("/paths/" + escaped + "/" +
                                             verb + "/responses/" + std::to_string(status));
  if (!_document.contains(pointer)) throw std::runtime_error("the document has no response " + std::to_string(status) +
                                                             " for " + method + " " + path);
  nlohmann::json response = _document.at(pointer);
  if (response.contains("$ref")) response = target(_document, response["$ref"].get<std::string>());
  const nlohmann::json::json_pointer schema("/content/application~1json/schema");
  if (!response.contains(schema))
    throw std::runtime_error("the document gives no JSON schema for " + method + " " + path);
  return resolved(_document, response.at(schema));
}

std::vector<std::string> OpenApiSchemas::problems(const std::string& method, const std::string& path, int status,
                                                  const nlohmann::json& body) const {
  const nlohmann::json schemaJson = responseSchema(method, path, status);
  valijson::Schema schema;
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter schemaAdapter(schemaJson);
  parser.populateSchema(schemaAdapter, schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter bodyAdapter(body);
  std::vector<std::string> out;
  if (validator.validate(schema, bodyAdapter, &results)) return out;
  for (valijson::ValidationResults::Error e; results.popError(e);) {
    std::string where;
    for (const auto& part : e.context) where += part;
    out.push_back(where + ": " + e.description);
  }
  return out;
}

const OpenApiSchemas& multiFlexiOpenApi() {
  static const OpenApiSchemas document(std::string(MFX_FIXTURES_DIR) +
                                       "/multiflexi/openapi/VitexSoftware__multiflexi-api__openapi-schema.yaml");
  return document;
}

}  // namespace MultiFlexi::Testing
