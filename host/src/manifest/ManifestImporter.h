// application:import-json / validate-json: manifest files into the store.
#pragma once

#include "domain/EnvNames.h"
#include "manifest/ManifestValidator.h"
#include "store/ApplicationRepository.h"

#include <string>
#include <vector>

namespace MultiFlexi {

/// What happened to one file.
struct ImportReport {
  std::string file;
  bool imported = false;
  int64_t applicationId = 0;
  bool created = false;
  std::string name;
  std::string error;  ///< why it was refused (file, JSON path, rule)
};

class ManifestImporter {
 public:
  /// `envNames` decides which environment keys a manifest may declare.
  ManifestImporter(ApplicationRepository& applications, const ManifestValidator& validator,
                   EnvNamePolicy envNames = EnvNamePolicy())
      : _applications(applications), _validator(validator), _envNames(std::move(envNames)) {}

  /// Reads and validates `file` (schema, then environment names); returns
  /// the application it describes. Throws ManifestException ("<file>:
  /// $.environment: 'A=B' is not a variable name ..."); imports nothing.
  Application check(const std::string& file) const;
  /// Imports one file (upsert by uuid, then name), all or nothing. Throws
  /// ManifestException or ConflictException.
  ImportReport importFile(const std::string& file);
  /// Imports a manifest a front-end received (upsert as importFile). Throws
  /// ValidationException with each violation's JSON pointer as its field
  /// ("/environment/X/type"), or ConflictException.
  ImportReport importManifest(const OrderedJson& manifest);
  /// Imports every *.app.json file of `dir` (name order), each on its own:
  /// a bad file is reported and skipped, the good ones are imported.
  std::vector<ImportReport> importDirectory(const std::string& dir);

 private:
  ApplicationRepository& _applications;
  const ManifestValidator& _validator;
  EnvNamePolicy _envNames;
};

}  // namespace MultiFlexi
