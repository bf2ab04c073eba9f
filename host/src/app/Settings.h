// Where the host keeps its data and finds the manifest schema. Each setting
// is a configuration property (-D KEY=VALUE), else MultiFlexi's environment
// variable, else a default.
#pragma once

#include <Poco/Util/AbstractConfiguration.h>

#include <string>

namespace MultiFlexi {

class Settings {
 public:
  explicit Settings(const Poco::Util::AbstractConfiguration& config) : _config(config) {}

  /// multiflexi.dataDir, MULTIFLEXI_DATA_DIR; else ./var when running from a
  /// build tree, else the installed default (/var/lib/multiflexi).
  std::string dataDirectory() const;
  /// The SQLite database: DB_DATABASE when DB_CONNECTION is sqlite (or
  /// unset), else <data dir>/multiflexi.db. Throws StoreException for an
  /// unsupported DB_CONNECTION.
  std::string databasePath() const;
  /// multiflexi.appSchema, MULTIFLEXI_APP_SCHEMA; else the path set at build
  /// time (MultiFlexi's schema/application.json).
  std::string applicationSchemaPath() const;

 private:
  std::string lookup(const std::string& key, const std::string& envName) const;
  const Poco::Util::AbstractConfiguration& _config;
};

}  // namespace MultiFlexi
