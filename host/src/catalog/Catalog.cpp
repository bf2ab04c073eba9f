#include "catalog/Catalog.h"

#include "catalog/ApplicationCatalog.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/CredentialCatalog.h"
#include "catalog/JobCatalog.h"
#include "catalog/RunTemplateCatalog.h"
#include "store/KeyRepository.h"
#include "catalog/SecurityCatalog.h"
#include "catalog/UserCatalog.h"
#include "store/Database.h"

#include <Poco/Logger.h>

namespace MultiFlexi {

std::unique_ptr<Catalog> Catalog::open(const std::string& databasePath, const std::string& keyFile, bool create,
                                       CatalogHost host) {
  auto database = Database::openSqlite(databasePath, create);
  database->attachKeyRing(KeyRepository::loadRing(*database, keyFile, Poco::Logger::get("multiflexi.crypto")));
  return std::make_unique<Catalog>(std::move(database), std::move(host));
}

Catalog::Catalog(std::unique_ptr<Database> database, CatalogHost host)
    : _database(std::move(database)), _host(std::move(host)) {}

Catalog::~Catalog() = default;

std::string Catalog::storeLocation() const { return _database->location(); }

ApplicationCatalog& Catalog::applications() {
  std::lock_guard<std::recursive_mutex> lock(_mutex);
  if (!_applications) _applications = std::make_unique<ApplicationCatalog>(*_database, _host);
  return *_applications;
}

CompanyCatalog& Catalog::companies() {
  std::lock_guard<std::recursive_mutex> lock(_mutex);
  if (!_companies) _companies = std::make_unique<CompanyCatalog>(*_database, _host);
  return *_companies;
}

RunTemplateCatalog& Catalog::runTemplates() {
  std::lock_guard<std::recursive_mutex> lock(_mutex);
  if (!_runTemplates)
    _runTemplates = std::make_unique<RunTemplateCatalog>(*_database, _host, applications(), companies(),
                                                         [this]() -> CredentialCatalog& { return credentials(); });
  return *_runTemplates;
}

JobCatalog& Catalog::jobs() {
  std::lock_guard<std::recursive_mutex> lock(_mutex);
  if (!_jobs) _jobs = std::make_unique<JobCatalog>(*_database, _host, runTemplates());
  return *_jobs;
}

CredentialCatalog& Catalog::credentials() {
  std::lock_guard<std::recursive_mutex> lock(_mutex);
  if (!_credentials) _credentials = std::make_unique<CredentialCatalog>(*_database, &_host.plugins());
  return *_credentials;
}

SecurityCatalog& Catalog::security() {
  std::lock_guard<std::recursive_mutex> lock(_mutex);
  if (!_security) _security = std::make_unique<SecurityCatalog>(*_database);
  return *_security;
}

UserCatalog& Catalog::users() {
  std::call_once(_usersOnce, [this]() { _users = std::make_unique<UserCatalog>(*_database, _host.users); });
  return *_users;
}

}  // namespace MultiFlexi
