#include "plugin/PluginRegistry.h"

#include "common/Exceptions.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>

#include <algorithm>

namespace MultiFlexi {

namespace {
Poco::Logger& logger() { return Poco::Logger::get("multiflexi.plugins"); }
}  // namespace

PluginRegistry::PluginRegistry(const Poco::Util::AbstractConfiguration& config)
    : _config(config),
      _loader(config, [this](const std::string& kind, const std::string& id) { return ownerOf(kind, id); }) {}

PluginRegistry::~PluginRegistry() { shutdown(); }

void PluginRegistry::loadDirectory(const std::string& dir) {
  Poco::File directory(dir);
  if (!directory.exists() || !directory.isDirectory()) {
    logger().warning("plugin directory %s does not exist; skipped", dir);
    return;
  }
  std::vector<std::string> files;
  for (Poco::DirectoryIterator it(directory), end; it != end; ++it)
    if (it.path().getExtension() == "so" && it->isFile()) files.push_back(it.path().toString());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) loadFile(file);
}

const PluginRecord& PluginRegistry::loadFile(const std::string& path) {
  LoadResult result = _loader.load(Poco::Path(path).absolute().toString());
  const PluginRecord& record = result.record;
  if (record.loaded())
    logger().information("loaded %s from %s", record.pluginId, record.path);
  else
    logger().warning("refused %s: %s", record.path, record.reason);
  adopt(std::move(result));
  return _records.back();
}

void PluginRegistry::adopt(LoadResult&& result) {
  if (result.library) _libraries.push_back(std::move(*result.library));
  if (result.context && result.record.loaded()) {
    mfx_host_ctx& ctx = *result.context;
    const std::string owner = result.record.pluginId + " (" + result.record.path + ")";
    _pluginPaths[result.record.pluginId] = result.record.path;
    for (const auto& e : ctx.executors)
      _executors.add(e.id, std::make_unique<ExecutorAdapter>(e, result.record.pluginId), owner);
    for (const auto& c : ctx.credentialTypes) {
      try {
        _credentialTypes.add(c.id, std::make_unique<CredentialTypeAdapter>(c, result.record.pluginId), owner);
      } catch (const PluginException& e) {
        // Visible degradation: the plugin's other components still work.
        logger().error("%s: %s; the credential type is not available", owner, e.message());
        result.record.warnings.push_back(e.message());
        if (c.free_type_data) c.free_type_data(c.type_data);
      }
    }
    for (const auto& m : ctx.monitors)
      _monitors.add(m.id, std::make_unique<MonitorAdapter>(m, result.record.pluginId), owner);
  }
  if (result.context) _contexts.push_back(std::move(result.context));
  _records.push_back(std::move(result.record));
}

std::optional<std::string> PluginRegistry::ownerOf(const std::string& kind,
                                                   const std::string& id) const {
  if (kind == "executor") return _executors.ownerOf(id);
  if (kind == "credential-type") return _credentialTypes.ownerOf(id);
  if (kind == "monitor") return _monitors.ownerOf(id);
  auto it = _pluginPaths.find(id);  // kind "plugin"
  if (it == _pluginPaths.end()) return std::nullopt;
  return it->second;
}

const ExecutorAdapter& PluginRegistry::executor(const std::string& id) const { return _executors.get(id); }

std::vector<const ExecutorAdapter*> PluginRegistry::executors() const { return _executors.list(); }

const CredentialTypeAdapter& PluginRegistry::credentialType(const std::string& id) const {
  return _credentialTypes.get(id);
}

std::vector<const CredentialTypeAdapter*> PluginRegistry::credentialTypes() const { return _credentialTypes.list(); }

std::vector<MonitorAdapter*> PluginRegistry::monitors() { return _monitors.mutableList(); }

void PluginRegistry::shutdown() {
  if (_shutDown) return;
  _shutDown = true;
  // Each monitor is flushed once (unless the monitor subsystem did), then freed.
  for (MonitorAdapter* monitor : _monitors.mutableList()) monitor->release();
  for (CredentialTypeAdapter* type : _credentialTypes.mutableList()) type->release();
  for (ExecutorAdapter* adapter : _executors.mutableList()) adapter->release();
}

}  // namespace MultiFlexi
