// Every plugin the host loaded or refused, and the components of the loaded
// ones by id. Libraries are never unloaded.
#pragma once

#include "plugin/ComponentTable.h"
#include "plugin/CredentialTypeAdapter.h"
#include "plugin/ExecutorAdapter.h"
#include "plugin/MonitorAdapter.h"
#include "plugin/PluginLoader.h"
#include "plugin/PluginRecord.h"

#include <Poco/Util/AbstractConfiguration.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

class PluginRegistry {
 public:
  explicit PluginRegistry(const Poco::Util::AbstractConfiguration& config);
  /// Calls shutdown().
  ~PluginRegistry();
  PluginRegistry(const PluginRegistry&) = delete;
  PluginRegistry& operator=(const PluginRegistry&) = delete;

  /// Loads every *.so file of `dir`, in name order. A directory that does
  /// not exist is logged and skipped. Main thread only, before workers start.
  void loadDirectory(const std::string& dir);
  /// Loads one file; a refused plugin is recorded, never thrown.
  const PluginRecord& loadFile(const std::string& path);

  /// One record per file tried, in load order.
  const std::vector<PluginRecord>& records() const { return _records; }

  /// The executor registered under `id`. Throws UnknownComponentException
  /// naming the executors that exist.
  const ExecutorAdapter& executor(const std::string& id) const;
  /// Every registered executor, by id.
  std::vector<const ExecutorAdapter*> executors() const;

  /// The credential type registered under `id`. Throws
  /// UnknownComponentException naming the types that exist.
  const CredentialTypeAdapter& credentialType(const std::string& id) const;
  /// Every registered credential type, by id.
  std::vector<const CredentialTypeAdapter*> credentialTypes() const;

  /// Every registered monitor, by id. The monitor subsystem delivers to
  /// them (one queue thread each) and flushes them before shutdown().
  std::vector<MonitorAdapter*> monitors();

  /// Flushes monitors and frees every component's type_data, once. The
  /// caller guarantees no job of any executor is still alive.
  void shutdown();

 private:
  std::optional<std::string> ownerOf(const std::string& kind, const std::string& id) const;
  void adopt(LoadResult&& result);

  const Poco::Util::AbstractConfiguration& _config;
  PluginLoader _loader;
  std::vector<PluginRecord> _records;
  std::vector<boost::dll::shared_library> _libraries;
  std::vector<std::unique_ptr<mfx_host_ctx>> _contexts;  // kept: plugin threads may still use them
  ComponentTable<ExecutorAdapter> _executors{"executor"};
  ComponentTable<CredentialTypeAdapter> _credentialTypes{"credential type"};
  ComponentTable<MonitorAdapter> _monitors{"monitor"};
  std::map<std::string, std::string> _pluginPaths;   // plugin id -> path
  bool _shutDown = false;
};

}  // namespace MultiFlexi
