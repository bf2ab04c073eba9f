#include "catalog/CompanyCatalog.h"

#include "catalog/Changes.h"
#include "common/Exceptions.h"
#include "store/AuditRepository.h"

#include <Poco/NumberParser.h>

namespace MultiFlexi {

namespace {

void apply(const CompanyChanges& c, Company& company) {
  if (c.name) company.name = *c.name;
  if (c.slug) company.slug = *c.slug;
  applyClearable(c.ic, company.ic);
  applyClearable(c.dic, company.dic);
  applyClearable(c.email, company.email);
  applyClearable(c.timeZone, company.timeZone);
  applyClearable(c.zabbixHost, company.zabbixHost);
  if (c.enabled) company.enabled = *c.enabled;
  for (const auto& [k, v] : c.environment) company.environment[k] = v;
}

}  // namespace

CompanyCatalog::CompanyCatalog(Database& database, CatalogHost& host)
    : _host(host), _repository(database, host.envNames), _database(database) {}

Company CompanyCatalog::create(const CompanyChanges& changes) {
  Company company;
  apply(changes, company);
  const int64_t id = _repository.create(company);
  AuditRepository(_database).record("company.create", "company " + std::to_string(id), id, company.slug);
  return *_repository.findById(id);
}

Company CompanyCatalog::update(int64_t id, const CompanyChanges& changes) {
  Company company = get(CompanyKey{id, {}, {}, {}});
  apply(changes, company);
  for (const auto& key : changes.unsetEnvironment)
    if (company.environment.erase(key) == 0)
      throw ValidationException("unset-env", "the company has no variable '" + key + "'");
  _repository.update(company);
  AuditRepository(_database).record("company.update", "company " + std::to_string(id), id, company.slug);
  _host.notify(Change::Templates);  // its time zone may have changed
  return *_repository.findById(id);
}

void CompanyCatalog::remove(int64_t id) {
  _repository.remove(id);
  AuditRepository(_database).record("company.delete", "company " + std::to_string(id), id, std::nullopt);
}

Company CompanyCatalog::get(const CompanyKey& key) {
  std::optional<Company> company;
  std::string what;
  if (key.id) {
    company = _repository.findById(*key.id);
    what = "id " + std::to_string(*key.id);
  } else if (key.slug) {
    company = _repository.findBySlug(*key.slug);
    what = "slug '" + *key.slug + "'";
  } else if (key.name) {
    company = _repository.findByName(*key.name);
    what = "name '" + *key.name + "'";
  } else if (key.ic) {
    company = _repository.findByIc(*key.ic);
    what = "ic '" + *key.ic + "'";
  } else {
    throw ValidationException("id", "name the company by id, slug, name or ic");
  }
  if (!company) throw NotFoundException("no company with " + what);
  return *company;
}

std::optional<Company> CompanyCatalog::findById(int64_t id) { return _repository.findById(id); }

std::vector<Company> CompanyCatalog::list(int64_t limit, int64_t offset) { return _repository.list(limit, offset); }
std::vector<Company> CompanyCatalog::list(const CompanyFilter& filter) { return _repository.list(filter); }

int64_t CompanyCatalog::idOf(const std::string& field, const std::string& idOrSlug) {
  Poco::Int64 id = 0;
  if (Poco::NumberParser::tryParse64(idOrSlug, id)) {
    if (!_repository.findById(id)) throw ValidationException(field, "no company with id " + idOrSlug);
    return id;
  }
  auto company = _repository.findBySlug(idOrSlug);
  if (!company) throw ValidationException(field, "no company with slug '" + idOrSlug + "'");
  return company->id;
}

}  // namespace MultiFlexi
