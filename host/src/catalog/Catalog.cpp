#include "catalog/Catalog.h"

#include "catalog/ApplicationCatalog.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/CredentialCatalog.h"
#include "catalog/JobCatalog.h"
#include "catalog/RunTemplateCatalog.h"
#include "crypto/KeyRing.h"
#include "store/AuditRepository.h"
#include "store/Database.h"

#include <Poco/Logger.h>

namespace MultiFlexi {

std::unique_ptr<Catalog> Catalog::open(const std::string& databasePath, const std::string& keyFile, bool create,
                                       CatalogHost host) {
  auto database = Database::openSqlite(databasePath, create);
  database->attachKeyRing(KeyRing::open(*database, keyFile, Poco::Logger::get("multiflexi.crypto")));
  return std::make_unique<Catalog>(std::move(database), std::move(host));
}

Catalog::Catalog(std::unique_ptr<Database> database, CatalogHost host)
    : _database(std::move(database)), _host(std::move(host)) {}

Catalog::~Catalog() = default;

ApplicationCatalog& Catalog::applications() {
  if (!_applications) _applications = std::make_unique<ApplicationCatalog>(*_database, _host);
  return *_applications;
}

CompanyCatalog& Catalog::companies() {
  if (!_companies) _companies = std::make_unique<CompanyCatalog>(*_database, _host);
  return *_companies;
}

RunTemplateCatalog& Catalog::runTemplates() {
  if (!_runTemplates)
    _runTemplates = std::make_unique<RunTemplateCatalog>(*_database, _host, applications(), companies(),
                                                         [this]() -> CredentialCatalog& { return credentials(); });
  return *_runTemplates;
}

JobCatalog& Catalog::jobs() {
  if (!_jobs) _jobs = std::make_unique<JobCatalog>(*_database, _host, runTemplates());
  return *_jobs;
}

CredentialCatalog& Catalog::credentials() {
  if (!_credentials) _credentials = std::make_unique<CredentialCatalog>(*_database, &_host.plugins());
  return *_credentials;
}

AuditRepository& Catalog::audit() {
  if (!_audit) _audit = std::make_unique<AuditRepository>(*_database);
  return *_audit;
}

}  // namespace MultiFlexi
