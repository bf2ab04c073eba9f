// What a command gets from the application: configuration, output format,
// plugins (loaded on first use), and the output stream.
#pragma once

#include "plugin/PluginRegistry.h"

#include <Poco/Util/AbstractConfiguration.h>

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace MultiFlexi {

enum class OutputFormat { Text, Json };

class CommandContext {
 public:
  CommandContext(Poco::Util::AbstractConfiguration& config, OutputFormat format,
                 std::vector<std::string> pluginDirs, std::ostream& out);

  Poco::Util::AbstractConfiguration& config() const { return _config; }
  OutputFormat format() const { return _format; }
  std::ostream& out() const { return _out; }
  /// The plugin directories in the order they are scanned.
  const std::vector<std::string>& pluginDirs() const { return _pluginDirs; }
  /// The registry, loading every plugin directory on first use.
  PluginRegistry& plugins();

 private:
  Poco::Util::AbstractConfiguration& _config;
  OutputFormat _format;
  std::vector<std::string> _pluginDirs;
  std::ostream& _out;
  std::unique_ptr<PluginRegistry> _plugins;
};

}  // namespace MultiFlexi
