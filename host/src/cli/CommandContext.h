// What a command gets from the application: configuration, output format,
// and the plugins and the catalog (the rule layer over the store), each
// opened on first use.
#pragma once

#include "app/Settings.h"
#include "catalog/Catalog.h"
#include "domain/EnvNames.h"
#include "manifest/ManifestValidator.h"
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
  ~CommandContext();

  Poco::Util::AbstractConfiguration& config() const { return _config; }
  Settings settings() const { return Settings(_config); }
  OutputFormat format() const { return _format; }
  bool json() const { return _format == OutputFormat::Json; }
  std::ostream& out() const { return _out; }
  /// The plugin directories in the order they are scanned.
  const std::vector<std::string>& pluginDirs() const { return _pluginDirs; }
  /// The registry, loading every plugin directory on first use.
  PluginRegistry& plugins();
  /// From now on catalog() refuses a data directory that does not exist
  /// instead of creating it with a store and a master key: for commands
  /// that only read.
  void refuseToCreateStore() { _createStore = false; }
  /// The rule layer over the store, opened and migrated on first use with
  /// its key ring. Throws EncryptionKeyException when sealed data exists and
  /// the key file is missing or wrong: no command runs then.
  Catalog& catalog();
  /// The store of catalog(), for the daemons and key maintenance.
  Database& database() { return catalog().database(); }
  /// Which environment names commands accept (MULTIFLEXI_ALLOWED_ENV).
  EnvNamePolicy envNames() const;
  /// MultiFlexi's manifest schema, loaded on first use.
  const ManifestValidator& manifestValidator();

 private:
  Poco::Util::AbstractConfiguration& _config;
  OutputFormat _format;
  std::vector<std::string> _pluginDirs;
  std::ostream& _out;
  bool _createStore = true;
  std::unique_ptr<PluginRegistry> _plugins;
  std::unique_ptr<Catalog> _catalog;
  std::unique_ptr<ManifestValidator> _validator;
};

}  // namespace MultiFlexi
