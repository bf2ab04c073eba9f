// Reads manifest files and checks them against MultiFlexi's own schema
// (schema/application.json of php-vitexsoftware-multiflexi-core).
#pragma once

#include "manifest/ManifestCodec.h"

#include "common/Exceptions.h"

#include <memory>
#include <string>
#include <vector>

namespace valijson {
class Schema;
}

namespace MultiFlexi {

/// How a violation names the place at fault: a JSON path ("$.environment.X",
/// as the CLI prints) or a JSON pointer (RFC 6901, "/environment/X", as the
/// REST API answers).
enum class ViolationPath { JsonPath, JsonPointer };

/// `name` as one reference token of a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string jsonPointerToken(const std::string& name);

class ManifestValidator {
 public:
  /// Loads the schema. Throws ManifestException naming the path when the
  /// file is missing or is not a JSON schema.
  explicit ManifestValidator(const std::string& schemaPath);
  ~ManifestValidator();

  /// Reads and parses `path` (parseJson: nesting bounded). Throws
  /// ManifestException "<file>: not valid JSON: parse error at line L,
  /// column C: ...", "<file>: <JSON path>: nesting deeper than N levels" or
  /// "<file>: cannot be read".
  static OrderedJson readJson(const std::string& path);

  /// Throws ManifestException "<file>: <JSON path>: <rule>" (the most specific
  /// violation first, then how many more there are) when `manifest` is not
  /// valid. `file` only labels the message.
  void validate(const OrderedJson& manifest, const std::string& file) const;
  /// The violations of `manifest`, each as its JSON path ("$.environment")
  /// and the rule: the most specific first, then every other one that is
  /// not an enclosing level of another. Empty when it is valid.
  std::vector<FieldProblem> violations(const OrderedJson& manifest,
                                       ViolationPath style = ViolationPath::JsonPath) const;

  const std::string& schemaPath() const { return _schemaPath; }

 private:
  std::string _schemaPath;
  std::unique_ptr<valijson::Schema> _schema;
};

}  // namespace MultiFlexi
