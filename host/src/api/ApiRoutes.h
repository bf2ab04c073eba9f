// Every operation of the REST API, in one table the server serves, the
// index lists, our OpenAPI document describes and the tests walk. Each group
// of routes lives in its own source (api/ServiceRoutes.cpp: ping and index;
// AppRoutes, JobRoutes, ...).
#pragma once

#include "api/ApiRoute.h"
#include "monitor/MonitorStats.h"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace MultiFlexi {

class PluginRegistry;

/// What some routes need from the process that serves them.
struct ApiEnvironment {
  /// The loaded and refused plugins (GET /plugins); called on worker threads.
  std::function<const PluginRegistry&()> plugins;
  /// The zone cron previews use when none is asked for.
  std::string serverZone = "UTC";
  /// The daemons' state for GET /status ("running"); called on worker threads.
  std::function<std::string()> daemonState;
  /// Delivery counts of this process's monitors (GET /metrics); empty when
  /// unset or when no monitor runs here. Called on worker threads.
  std::function<std::vector<MonitorStats>()> monitorStats;
  /// Run templates GET /metrics reports at most (MULTIFLEXI_METRICS_MAX_TEMPLATES).
  std::size_t metricsMaxTemplates = 2000;
};

/// The whole table.
std::vector<ApiRoute> apiRoutes(const ApiEnvironment& environment);

/// GET /ping (public), GET /index (public: every route of `all`, its method,
/// path and summary).
std::vector<ApiRoute> serviceRoutes(const std::vector<ApiRoute>& all);

}  // namespace MultiFlexi
