// The use cases of applications: import manifests (checked against
// MultiFlexi's schema and the environment-name rules), look them up by id,
// uuid or name, export, delete one no run template uses.
#pragma once

#include "catalog/Catalog.h"
#include "domain/Application.h"
#include "manifest/ManifestImporter.h"
#include "store/ApplicationRepository.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace MultiFlexi {

/// One way to name an application; the first one given is used.
struct ApplicationKey {
  std::optional<int64_t> id;
  std::optional<std::string> uuid;
  std::optional<std::string> name;
  bool empty() const { return !id && !uuid && !name; }
};

class ApplicationCatalog {
 public:
  ApplicationCatalog(Database& database, CatalogHost& host);

  /// Imports one manifest file, or every *.app.json of a directory (each on
  /// its own, reported). A bad single file throws ManifestException.
  std::vector<ImportReport> importPath(const std::string& path);
  /// Imports a manifest a front-end received; returns the application
  /// and whether it is new. ValidationException with the JSON pointer as the
  /// field, ConflictException.
  std::pair<Application, bool> importManifest(const OrderedJson& manifest);
  /// Checks a manifest file and returns the application it describes,
  /// importing nothing. ManifestException naming the JSON path otherwise.
  Application check(const std::string& file);
  /// Deletes an application no run template uses (ConflictException).
  void remove(int64_t id);

  /// The application `key` names; NotFoundException ("no application with
  /// uuid X") otherwise; ValidationException when `key` is empty.
  Application get(const ApplicationKey& key);
  std::optional<Application> findById(int64_t id);
  std::vector<Application> list(int64_t limit, int64_t offset);
  /// The id of the application with `uuid`; ValidationException naming
  /// `field` when there is none.
  int64_t idOfUuid(const std::string& field, const std::string& uuid);

 private:
  ManifestImporter importer();

  CatalogHost& _host;
  ApplicationRepository _repository;
  Database& _database;  ///< for the audit trail
};

}  // namespace MultiFlexi
