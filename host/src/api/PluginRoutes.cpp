#include "api/PluginRoutes.h"

#include "api/Access.h"
#include "plugin/PluginRegistry.h"

#include <Poco/Path.h>

namespace MultiFlexi {

std::vector<ApiRoute> pluginRoutes(std::function<const PluginRegistry&()> plugins) {
  auto list = [plugins](Catalog&, const ApiRequest& request) {
    callerOf(request);
    ApiResponse response;
    response.body = OrderedJson::array();
    for (const PluginRecord& r : plugins().records()) {
      OrderedJson item = {{"file", Poco::Path(r.path).getFileName()},
                          {"status", r.loaded() ? "loaded" : "refused"},
                          {"plugin_id", r.pluginId},
                          {"version", r.pluginVersion},
                          {"components", OrderedJson::array()},
                          {"warnings", r.warnings}};
      if (!r.loaded()) item["reason"] = r.reason;
      if (r.abiMajor >= 0) item["abi"] = std::to_string(r.abiMajor) + "." + std::to_string(r.abiMinor);
      for (const auto& c : r.components)
        item["components"].push_back(
            {{"kind", c.kind}, {"id", c.id}, {"name", c.displayName}, {"description", c.description}});
      response.body.push_back(item);
    }
    return response;
  };
  return {{"GET", "/plugins", true, true, "The plugins found: loaded, or refused with the reason", list}};
}

}  // namespace MultiFlexi
