// GET /metrics: the Prometheus text exposition (format 0.0.4) of the
// caller's run templates and, for the admin, of the host
// (monitor/MetricsReport.h; README.md "Metrics"). Authenticated like every
// route (Bearer token, Basic, session); a Prometheus server scrapes it with
// an API token (`authorization: credentials_file:`). No format suffix: the
// answer is always text/plain; version=0.0.4; charset=utf-8.
//
// Threads: the route keeps one MetricsAggregate, shared by the worker
// threads (it has its own lock), so each scrape folds only new jobs.
#pragma once

#include "api/ApiRoutes.h"
#include "common/Clock.h"

#include <functional>
#include <vector>

namespace MultiFlexi {

constexpr const char* kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

/// `clock`: now (tests pass a fixed instant).
std::vector<ApiRoute> metricsRoutes(const ApiEnvironment& environment, std::function<Instant()> clock = nowMs);

}  // namespace MultiFlexi
