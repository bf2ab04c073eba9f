// Companies and their environment variables.
#pragma once

#include "domain/Company.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <optional>
#include <vector>

namespace MultiFlexi {

/// Which companies list() returns.
struct CompanyFilter {
  /// Only these companies (a caller's visible ones); all when unset.
  std::optional<std::vector<int64_t>> ids;
  /// One of CompanyRepository::kOrderColumns; by id when unset.
  std::optional<ListOrder> order;
  int64_t limit = 100;
  int64_t offset = 0;
};

class CompanyRepository {
 public:
  /// `envNames` decides which environment names create and update accept.
  explicit CompanyRepository(Database& database, EnvNamePolicy envNames = EnvNamePolicy())
      : _db(database), _envNames(std::move(envNames)) {}

  /// Validates and inserts; returns the new id. Throws ValidationException
  /// or ConflictException ("slug: 'acme' is already taken", nothing of the other company).
  int64_t create(const Company& company);
  /// Validates and saves every field, environment included.
  void update(const Company& company);
  std::optional<Company> findById(int64_t id);
  std::optional<Company> findBySlug(const std::string& slug);
  std::optional<Company> findByName(const std::string& name);
  std::optional<Company> findByIc(const std::string& ic);
  std::vector<Company> list(int64_t limit, int64_t offset);
  std::vector<Company> list(const CompanyFilter& filter);
  /// The columns list() may be ordered by.
  static const std::vector<std::string> kOrderColumns;
  /// Deletes a company without run templates or jobs; otherwise throws
  /// ConflictException naming them.
  void remove(int64_t id);

 private:
  std::optional<Company> findOne(const std::string& where, Sql::Binding key);
  void checkSlugFree(Poco::Data::Session& s, const Company& company);
  void saveEnvironment(Poco::Data::Session& s, const Company& company);

  Database& _db;
  EnvNamePolicy _envNames;
};

}  // namespace MultiFlexi
