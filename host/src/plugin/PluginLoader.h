// Loads one plugin file through the ABI protocol: dlopen (RTLD_NOW |
// RTLD_LOCAL | RTLD_NODELETE), stamp, magic, major, init, registrations.
#pragma once

#include "plugin/HostContext.h"
#include "plugin/PluginRecord.h"

#include <boost/dll/shared_library.hpp>

#include <Poco/Util/AbstractConfiguration.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace MultiFlexi {

/// The outcome of loading one file. When the plugin was accepted, context
/// holds its components and library keeps it mapped.
struct LoadResult {
  PluginRecord record;
  std::optional<boost::dll::shared_library> library;
  std::unique_ptr<mfx_host_ctx> context;
};

class PluginLoader {
 public:
  /// Answers which already loaded plugin (id and path) owns a component id of
  /// a kind ("executor", ...) or a plugin id ("plugin"); empty when none.
  using OwnerLookup = std::function<std::optional<std::string>(const std::string& kind,
                                                               const std::string& id)>;

  PluginLoader(const Poco::Util::AbstractConfiguration& config, OwnerLookup owners);

  /// Loads `path`. Never throws for a broken plugin: the record says why it
  /// was refused. A refused plugin's registered components are freed.
  /// Must run on the main thread before worker threads use any plugin.
  LoadResult load(const std::string& path) const;

 private:
  bool readStamp(LoadResult& result) const;
  bool initialize(LoadResult& result) const;
  bool checkConflicts(LoadResult& result) const;

  const Poco::Util::AbstractConfiguration& _config;
  OwnerLookup _owners;
};

/// Frees the type_data of every component registered in ctx.
void releaseComponents(mfx_host_ctx& ctx);

}  // namespace MultiFlexi
