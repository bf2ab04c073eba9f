#include "catalog/ApplicationCatalog.h"

#include "store/AuditRepository.h"

#include "common/Exceptions.h"

#include <Poco/File.h>

namespace MultiFlexi {

ApplicationCatalog::ApplicationCatalog(Database& database, CatalogHost& host)
    : _host(host), _repository(database), _database(database) {}

ManifestImporter ApplicationCatalog::importer() {
  return ManifestImporter(_repository, _host.manifestValidator(), _host.envNames);
}

std::vector<ImportReport> ApplicationCatalog::importPath(const std::string& path) {
  ManifestImporter manifests = importer();
  const bool directory = Poco::File(path).exists() && Poco::File(path).isDirectory();
  std::vector<ImportReport> reports =
      directory ? manifests.importDirectory(path) : std::vector<ImportReport>{manifests.importFile(path)};
  for (const ImportReport& r : reports)
    if (r.imported)
      AuditRepository(_database).record(r.created ? "application.create" : "application.update",
                                        "application " + std::to_string(r.applicationId), std::nullopt, r.name);
  return reports;
}

std::pair<Application, bool> ApplicationCatalog::importManifest(const OrderedJson& manifest) {
  const ImportReport report = importer().importManifest(manifest);
  return {*_repository.findById(report.applicationId), report.created};
}

Application ApplicationCatalog::check(const std::string& file) { return importer().check(file); }

void ApplicationCatalog::remove(int64_t id) {
  _repository.remove(id);
  AuditRepository(_database).record("application.delete", "application " + std::to_string(id), std::nullopt, std::nullopt);
}

Application ApplicationCatalog::get(const ApplicationKey& key) {
  std::optional<Application> app;
  std::string what;
  if (key.id) {
    app = _repository.findById(*key.id);
    what = "id " + std::to_string(*key.id);
  } else if (key.uuid) {
    app = _repository.findByUuid(*key.uuid);
    what = "uuid " + *key.uuid;
  } else if (key.name) {
    app = _repository.findByName(*key.name);
    what = "name '" + *key.name + "'";
  } else {
    throw ValidationException("id", "name the application by id, uuid or name");
  }
  if (!app) throw NotFoundException("no application with " + what);
  return *app;
}

std::optional<Application> ApplicationCatalog::findById(int64_t id) { return _repository.findById(id); }

std::vector<Application> ApplicationCatalog::list(int64_t limit, int64_t offset) {
  return _repository.list(limit, offset);
}

int64_t ApplicationCatalog::idOfUuid(const std::string& field, const std::string& uuid) {
  auto app = _repository.findByUuid(uuid);
  if (!app) throw ValidationException(field, "no application with uuid " + uuid);
  return app->id;
}

}  // namespace MultiFlexi
