// GET /plugins: the plugins the host found, loaded or refused with the
// reason, and the components (executors, credential types ...) each gives.
// Files are named without their directory. Any authenticated caller.
#pragma once

#include "api/ApiRoute.h"

#include <functional>
#include <vector>

namespace MultiFlexi {

class PluginRegistry;

/// `plugins` answers the host's registry (loaded on first use); it is
/// called on worker threads and must be safe to call from several.
std::vector<ApiRoute> pluginRoutes(std::function<const PluginRegistry&()> plugins);

}  // namespace MultiFlexi
