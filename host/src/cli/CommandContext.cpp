#include "cli/CommandContext.h"

#include "app/WakeChannel.h"

namespace MultiFlexi {

CommandContext::CommandContext(Poco::Util::AbstractConfiguration& config, OutputFormat format,
                               std::vector<std::string> pluginDirs, std::ostream& out)
    : _config(config), _format(format), _pluginDirs(std::move(pluginDirs)), _out(out) {}

CommandContext::~CommandContext() = default;

PluginRegistry& CommandContext::plugins() {
  if (!_plugins) {
    _plugins = std::make_unique<PluginRegistry>(_config);
    for (const auto& dir : _pluginDirs) _plugins->loadDirectory(dir);
  }
  return *_plugins;
}

Catalog& CommandContext::catalog() {
  if (!_catalog) {
    const Settings current = settings();
    CatalogHost host;
    host.plugins = [this]() -> PluginRegistry& { return plugins(); };
    host.manifestValidator = [this]() -> const ManifestValidator& { return manifestValidator(); };
    host.notify = [runDir = current.runDirectory()](Change change) {
      notifyDaemons(runDir, change == Change::Templates ? WakeTopic::Templates : WakeTopic::Jobs);
    };
    host.envNames = envNames();
    host.users.sessions.idleMs = current.sessionIdle().count() * 1000;
    host.users.sessions.lifetimeMs = current.sessionLifetime().count() * 1000;
    _catalog = Catalog::open(current.databasePath(), current.keyFile(), _createStore, std::move(host));
  }
  return *_catalog;
}

EnvNamePolicy CommandContext::envNames() const { return EnvNamePolicy(settings().allowedEnvNames()); }

const ManifestValidator& CommandContext::manifestValidator() {
  if (!_validator) _validator = std::make_unique<ManifestValidator>(settings().applicationSchemaPath());
  return *_validator;
}

}  // namespace MultiFlexi
