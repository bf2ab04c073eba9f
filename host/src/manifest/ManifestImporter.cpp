#include "manifest/ManifestImporter.h"

#include "common/Exceptions.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/String.h>

#include <algorithm>

namespace MultiFlexi {

Application ManifestImporter::check(const std::string& file) const {
  const OrderedJson manifest = ManifestValidator::readJson(file);
  _validator.validate(manifest, file);
  Application app;
  try {
    app = applicationFromManifest(manifest);
  } catch (const ManifestException& e) {
    throw ManifestException(file + ": " + e.message());
  }
  for (const EnvField& field : app.environment)
    if (auto why = _envNames.problem(field.key)) throw ManifestException(file + ": $.environment: " + *why);
  return app;
}

ImportReport ManifestImporter::importFile(const std::string& file) {
  const Application app = check(file);
  const ApplicationRepository::Saved saved = _applications.upsert(app);
  ImportReport report;
  report.file = file;
  report.imported = true;
  report.applicationId = saved.id;
  report.created = saved.created;
  report.name = app.name;
  return report;
}

ImportReport ManifestImporter::importManifest(const OrderedJson& manifest) {
  const std::vector<FieldProblem> violations = _validator.violations(manifest, ViolationPath::JsonPointer);
  if (!violations.empty()) throw ValidationException(violations);
  Application app;
  try {
    app = applicationFromManifest(manifest);
  } catch (const ManifestException& e) {
    throw ValidationException(e.message());  // the document as a whole
  }
  for (const EnvField& field : app.environment)
    if (auto why = _envNames.problem(field.key))
      throw ValidationException("/environment/" + jsonPointerToken(field.key), *why);
  const ApplicationRepository::Saved saved = _applications.upsert(app);
  ImportReport report;
  report.imported = true;
  report.applicationId = saved.id;
  report.created = saved.created;
  report.name = app.name;
  return report;
}

std::vector<ImportReport> ManifestImporter::importDirectory(const std::string& dir) {
  std::vector<std::string> files;
  for (Poco::DirectoryIterator it(dir), end; it != end; ++it)
    if (it->isFile() && Poco::endsWith(it.name(), std::string(".app.json"))) files.push_back(it.path().toString());
  std::sort(files.begin(), files.end());
  std::vector<ImportReport> reports;
  for (const auto& file : files) {
    try {
      reports.push_back(importFile(file));
    } catch (const MultiFlexiException& e) {
      ImportReport failed;
      failed.file = file;
      failed.error = e.message();
      reports.push_back(failed);
    }
  }
  return reports;
}

}  // namespace MultiFlexi
