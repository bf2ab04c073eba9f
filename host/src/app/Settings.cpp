#include "app/Settings.h"

#include "common/Exceptions.h"
#include "common/TerminalText.h"
#include "domain/EnvNames.h"

#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <date/tz.h>

#include <cmath>

#ifndef MFX_DEFAULT_DATA_DIR
#error "MFX_DEFAULT_DATA_DIR must be defined by the build"
#endif
#ifndef MFX_APP_SCHEMA
#error "MFX_APP_SCHEMA must be defined by the build"
#endif

namespace MultiFlexi {

std::string Settings::lookup(const std::string& key, const std::string& envName) const {
  if (_config.hasProperty(key)) return _config.getString(key);
  if (Poco::Environment::has(envName)) return Poco::Environment::get(envName);
  return _config.getString(kEnvFilePrefix + envName, "");
}

int64_t Settings::wholeNumber(const std::string& key, const std::string& envName, int64_t fallback) const {
  const std::string text = Poco::trim(lookup(key, envName));
  if (text.empty()) return fallback;
  Poco::Int64 n = 0;
  if (!Poco::NumberParser::tryParse64(text, n) || n < 0)
    throw ConfigurationException(envName + ": expected a whole number >= 0, got '" + text + "'");
  return n;
}

std::chrono::milliseconds Settings::seconds(const std::string& key, const std::string& envName,
                                            double fallback) const {
  const std::string text = Poco::trim(lookup(key, envName));
  double s = fallback;
  if (!text.empty() && (!Poco::NumberParser::tryParseFloat(text, s) || !std::isfinite(s) || s < 0 || s > 1e9))
    throw ConfigurationException(envName + ": expected a number of seconds >= 0, got '" + text + "'");
  return std::chrono::milliseconds(static_cast<int64_t>(std::llround(s * 1000)));
}

bool Settings::inBuildTree() const {
  Poco::Path cache(_config.getString("application.dir", "."));
  cache.popDirectory();
  cache.setFileName("CMakeCache.txt");
  return Poco::File(cache).exists();
}

std::string Settings::dataDirectory() const {
  const std::string configured = lookup("multiflexi.dataDir", "MULTIFLEXI_DATA_DIR");
  if (!configured.empty()) return configured;
  return inBuildTree() ? "var" : MFX_DEFAULT_DATA_DIR;
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

std::string Settings::keyFile() const {
  const std::string configured = lookup("multiflexi.keyFile", "MULTIFLEXI_KEY_FILE");
  if (!configured.empty()) return configured;
  return Poco::Path(dataDirectory()).makeDirectory().setFileName("master.key").toString();
}

std::string Settings::runDirectory() const {
  return Poco::Path(dataDirectory()).makeDirectory().pushDirectory("run").toString();
}

std::string Settings::jobsDirectory() const {
  return Poco::Path(dataDirectory()).makeDirectory().pushDirectory("jobs").toString();
}

std::string Settings::serverTimeZone() const {
  const std::string configured = lookup("multiflexi.timezone", "MULTIFLEXI_TIMEZONE");
  if (!configured.empty()) return configured;
  try {
    return std::string(date::current_zone()->name());
  } catch (const std::runtime_error&) {
    return "UTC";
  }
}

bool Settings::daemonize() const {
  const std::string text = Poco::toLower(Poco::trim(lookup("multiflexi.daemonize", "MULTIFLEXI_DAEMONIZE")));
  if (text.empty() || text == "1" || text == "true" || text == "yes" || text == "on") return true;
  if (text == "0" || text == "false" || text == "no" || text == "off") return false;
  throw ConfigurationException("MULTIFLEXI_DAEMONIZE: expected true or false, got '" + text + "'");
}

std::chrono::milliseconds Settings::cyclePause() const {
  const auto pause = seconds("multiflexi.cyclePause", "MULTIFLEXI_CYCLE_PAUSE", 60);
  if (pause.count() == 0) throw ConfigurationException("MULTIFLEXI_CYCLE_PAUSE: must be more than 0 seconds");
  return pause;
}

int64_t Settings::maxParallel() const { return wholeNumber("multiflexi.maxParallel", "MULTIFLEXI_MAX_PARALLEL", 0); }

int64_t Settings::memoryLimitMb() const {
  return wholeNumber("multiflexi.memoryLimitMb", "MULTIFLEXI_MEMORY_LIMIT_MB", 0);
}

std::chrono::milliseconds Settings::lease() const {
  const auto lease = seconds("multiflexi.leaseSeconds", "MULTIFLEXI_LEASE_SECONDS", 30);
  if (lease.count() < 300) throw ConfigurationException("MULTIFLEXI_LEASE_SECONDS: must be at least 0.3 seconds");
  return lease;
}

std::chrono::milliseconds Settings::shutdownGrace() const {
  return seconds("multiflexi.shutdownGrace", "MULTIFLEXI_SHUTDOWN_GRACE", 30);
}

std::chrono::milliseconds Settings::jobTimeout() const {
  return seconds("multiflexi.jobTimeout", "MULTIFLEXI_JOB_TIMEOUT", 86400);
}

int64_t Settings::outputLimitBytes() const {
  return wholeNumber("multiflexi.outputLimitMb", "MULTIFLEXI_OUTPUT_LIMIT_MB", 64) << 20;
}

int64_t Settings::artifactLimitBytes() const {
  return wholeNumber("multiflexi.artifactLimitMb", "MULTIFLEXI_ARTIFACT_LIMIT_MB", 64) << 20;
}

std::chrono::milliseconds Settings::misfireGrace() const {
  return seconds("multiflexi.misfireGrace", "MULTIFLEXI_MISFIRE_GRACE", 60);
}

int64_t Settings::maxCatchUp() const { return wholeNumber("multiflexi.maxCatchUp", "MULTIFLEXI_MAX_CATCH_UP", 100); }

std::set<std::string> Settings::allowedEnvNames() const {
  std::set<std::string> names;
  for (const std::string& item : Poco::StringTokenizer(lookup("multiflexi.allowedEnv", "MULTIFLEXI_ALLOWED_ENV"), ",",
                                                       Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY)) {
    if (!EnvNamePolicy::isName(item))
      throw ConfigurationException("MULTIFLEXI_ALLOWED_ENV: '" + escapeControls(item) + "' is not a variable name");
    names.insert(item);
  }
  return names;
}

}  // namespace MultiFlexi
