#include "app/CommandContext.h"

namespace MultiFlexi {

CommandContext::CommandContext(Poco::Util::AbstractConfiguration& config, OutputFormat format,
                               std::vector<std::string> pluginDirs, std::ostream& out)
    : _config(config), _format(format), _pluginDirs(std::move(pluginDirs)), _out(out) {}

PluginRegistry& CommandContext::plugins() {
  if (!_plugins) {
    _plugins = std::make_unique<PluginRegistry>(_config);
    for (const auto& dir : _pluginDirs) _plugins->loadDirectory(dir);
  }
  return *_plugins;
}

}  // namespace MultiFlexi
