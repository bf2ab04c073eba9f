#include "app/Settings.h"

#include "common/Exceptions.h"

#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#ifndef MFX_DEFAULT_DATA_DIR
#error "MFX_DEFAULT_DATA_DIR must be defined by the build"
#endif
#ifndef MFX_APP_SCHEMA
#error "MFX_APP_SCHEMA must be defined by the build"
#endif

namespace MultiFlexi {

std::string Settings::lookup(const std::string& key, const std::string& envName) const {
  if (_config.hasProperty(key)) return _config.getString(key);
  return Poco::Environment::get(envName, "");
}

std::string Settings::dataDirectory() const {
  const std::string configured = lookup("multiflexi.dataDir", "MULTIFLEXI_DATA_DIR");
  if (!configured.empty()) return configured;
  Poco::Path cache(_config.getString("application.dir", "."));
  cache.popDirectory();
  cache.setFileName("CMakeCache.txt");
  if (Poco::File(cache).exists()) return "var";  // a development build tree
  return MFX_DEFAULT_DATA_DIR;
}

std::string Settings::databasePath() const {
  const std::string connection = lookup("multiflexi.db.connection", "DB_CONNECTION");
  if (!connection.empty() && connection != "sqlite")
    throw StoreException("DB_CONNECTION=" + connection + " is not supported yet (use sqlite)");
  const std::string database = lookup("multiflexi.db.database", "DB_DATABASE");
  if (!database.empty()) return database;
  return Poco::Path(dataDirectory()).makeDirectory().setFileName("multiflexi.db").toString();
}

std::string Settings::applicationSchemaPath() const {
  const std::string configured = lookup("multiflexi.appSchema", "MULTIFLEXI_APP_SCHEMA");
  return configured.empty() ? MFX_APP_SCHEMA : configured;
}

}  // namespace MultiFlexi
