// The document GET /metrics answers, for one caller: per run template of the
// companies the caller sees (at most `maxTemplates`, by id; the rest left
// out and counted in multiflexi_runtemplates_omitted), and, for the admin
// only, the host's series. The series, their labels and buckets are listed
// in README.md "Metrics".
//
// Threads: any (the aggregate has its own lock). Throws StoreException.
#pragma once

#include "common/Clock.h"
#include "domain/Caller.h"
#include "monitor/MonitorStats.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

class Database;
class MetricsAggregate;

/// What the serving process knows beyond the store.
struct HostFacts {
  int64_t pluginLoadFailures = 0;     ///< plugin files refused
  std::vector<MonitorStats> monitors;  ///< this process's monitors; empty when none run here
  std::string version;                 ///< of the host
  std::string abi;                     ///< the plugin ABI it implements ("1.1")
};

constexpr std::size_t kDefaultMetricsMaxTemplates = 2000;

/// The exposition text for `caller` at `now`.
std::string metricsText(Database& database, MetricsAggregate& aggregate, const Caller& caller, Instant now,
                        const HostFacts& host, std::size_t maxTemplates = kDefaultMetricsMaxTemplates);

}  // namespace MultiFlexi
