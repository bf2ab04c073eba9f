// MultiFlexi's OpenAPI 3.0 document as JSON Schemas, to check that the
// bodies our API answers with match what the document promises. Loads the
// YAML (yaml-cpp), resolves components' $ref, turns OpenAPI's `nullable`
// into a JSON Schema type list, and validates with valijson.
//
// Not thread-safe; one per test program (load once, validate many).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace MultiFlexi::Testing {

class OpenApiSchemas {
 public:
  /// Reads the document; throws std::runtime_error when it cannot be read.
  explicit OpenApiSchemas(const std::string& yamlFile);

  /// The problems of `body` as the response `status` of operation `method`
  /// `path` (the document's own path: "/jobs.{suffix}"), one text per
  /// violation; empty when it matches. Throws std::runtime_error when the
  /// document defines no JSON schema for that response (a test asking about
  /// an operation it does not define is a wrong test).
  std::vector<std::string> problems(const std::string& method, const std::string& path, int status,
                                    const nlohmann::json& body) const;

  /// The resolved JSON Schema of that response (for tests of this class).
  nlohmann::json responseSchema(const std::string& method, const std::string& path, int status) const;

 private:
  nlohmann::json _document;
};

/// The document in the fixtures (MultiFlexi's multiflexi-api).
const OpenApiSchemas& multiFlexiOpenApi();

}  // namespace MultiFlexi::Testing
