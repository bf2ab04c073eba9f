// The use cases of companies: create and change them (environment names
// checked, slug unique), look them up by id, slug, name or ic, delete one
// without run templates or jobs.
#pragma once

#include "catalog/Catalog.h"
#include "domain/Company.h"
#include "store/CompanyRepository.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

/// A change to a company: a field is set only when given; an empty ic,
/// dic, email or timezone clears it.
struct CompanyChanges {
  std::optional<std::string> name;
  std::optional<std::string> slug;
  std::optional<std::string> ic;
  std::optional<std::string> dic;
  std::optional<std::string> email;
  std::optional<std::string> timeZone;
  std::optional<std::string> zabbixHost;  ///< empty clears
  std::optional<bool> enabled;
  std::map<std::string, std::string> environment;  ///< variables to set
  std::vector<std::string> unsetEnvironment;       ///< variables to remove (each must exist)
};

/// One way to name a company; the first one given is used.
struct CompanyKey {
  std::optional<int64_t> id;
  std::optional<std::string> slug;
  std::optional<std::string> name;
  std::optional<std::string> ic;
  bool empty() const { return !id && !slug && !name && !ic; }
};

class CompanyCatalog {
 public:
  CompanyCatalog(Database& database, CatalogHost& host);

  /// Creates a company (name and slug required). ValidationException
  /// naming the field, ConflictException for a slug in use.
  Company create(const CompanyChanges& changes);
  /// Applies `changes` to company `id`; wakes the scheduler (its time zone
  /// may have changed).
  Company update(int64_t id, const CompanyChanges& changes);
  /// Deletes a company without run templates, jobs or credentials.
  void remove(int64_t id);

  /// The company `key` names; NotFoundException ("no company with slug
  /// 'x'") otherwise. ValidationException when `key` is empty.
  Company get(const CompanyKey& key);
  std::optional<Company> findById(int64_t id);
  std::vector<Company> list(int64_t limit, int64_t offset);
  std::vector<Company> list(const CompanyFilter& filter);
  /// The id of a company given as an id or a slug (as MultiFlexi's
  /// --company accepts it); ValidationException naming `field` otherwise.
  int64_t idOf(const std::string& field, const std::string& idOrSlug);

 private:
  CatalogHost& _host;
  CompanyRepository _repository;
  Database& _database;  ///< for the audit trail
};

}  // namespace MultiFlexi
