// How many records of each kind a caller sees: the counts of the API's
// status (companies, applications, run templates, credentials, credential
// types), limited to a set of companies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

class Catalog;

struct RecordCounts {
  int64_t companies = 0;
  int64_t applications = 0;  ///< global: every application
  int64_t runTemplates = 0;
  int64_t credentials = 0;
  int64_t credentialTypes = 0;
};

/// The name of the store's driver ("sqlite"): never its path or DSN.
std::string storeDriver(Catalog& catalog);

/// The counts over companies `companyIds` (all when nullopt). Throws StoreException.
RecordCounts countRecords(Catalog& catalog, const std::optional<std::vector<int64_t>>& companyIds);

}  // namespace MultiFlexi
