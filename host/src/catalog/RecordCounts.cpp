#include "catalog/RecordCounts.h"

#include "catalog/Catalog.h"
#include "store/Database.h"
#include "store/Dialect.h"
#include "store/Sql.h"

namespace MultiFlexi {

namespace {
// `table` and `column` are literals of this file, never input.
int64_t count(Poco::Data::Session& s, const std::string& table, const std::string& column,
              const std::optional<std::vector<int64_t>>& companyIds) {
  Sql::Bindings b;
  const std::string where = companyIds ? Sql::andIn(column, *companyIds, b) : std::string();
  return Sql::scalar(s, "SELECT COUNT(*) FROM " + table + " WHERE 1 = 1" + where, b);
}
}  // namespace

std::string storeDriver(Catalog& catalog) { return catalog.database().dialect().name(); }

RecordCounts countRecords(Catalog& catalog, const std::optional<std::vector<int64_t>>& companyIds) {
  Poco::Data::Session s = catalog.database().session();
  RecordCounts counts;
  counts.companies = count(s, "company", "id", companyIds);
  counts.applications = count(s, "application", "id", std::nullopt);
  counts.runTemplates = count(s, "runtemplate", "company_id", companyIds);
  counts.credentials = count(s, "credential", "company_id", companyIds);
  counts.credentialTypes = count(s, "credential_type", "company_id", companyIds);
  return counts;
}

}  // namespace MultiFlexi
