#include "api/MetricsRoutes.h"

#include "api/Access.h"
#include "catalog/Catalog.h"
#include "monitor/MetricsAggregate.h"
#include "monitor/MetricsReport.h"
#include "plugin/PluginRegistry.h"

#include <multiflexi/mfx_plugin.h>

#include <memory>

namespace MultiFlexi {

std::vector<ApiRoute> metricsRoutes(const ApiEnvironment& environment, std::function<Instant()> clock) {
  auto aggregate = std::make_shared<MetricsAggregate>();
  auto metrics = [aggregate, plugins = environment.plugins, monitorStats = environment.monitorStats,
                  maxTemplates = environment.metricsMaxTemplates,
                  clock = std::move(clock)](Catalog& catalog, const ApiRequest& request) {
    const Caller& caller = callerOf(request);
    HostFacts host;
    host.version = MFX_VERSION;
    host.abi = std::to_string(MFX_ABI_MAJOR) + "." + std::to_string(MFX_ABI_MINOR);
    if (caller.admin) {  // what only the host series show
      if (plugins)
        for (const PluginRecord& r : plugins().records())
          if (!r.loaded()) ++host.pluginLoadFailures;
      if (monitorStats) host.monitors = monitorStats();
    }
    ApiResponse response;
    response.raw = metricsText(catalog.database(), *aggregate, caller, clock(), host, maxTemplates);
    response.contentType = kMetricsContentType;
    return response;
  };
  return {{"GET", "/metrics", false, true,
           "Prometheus metrics of the caller's run templates (the admin: and of the host)", metrics}};
}

}  // namespace MultiFlexi
