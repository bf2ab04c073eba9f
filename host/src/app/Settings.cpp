#include "app/Settings.h"

#include "common/Exceptions.h"
#include "common/TerminalText.h"
#include "domain/EnvNames.h"
#include "store/Database.h"

#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <date/tz.h>

#include <algorithm>
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
  // The parser stops at a NUL byte: "2\0..." would read as 2.
  if (text.find('\0') != std::string::npos || !Poco::NumberParser::tryParse64(text, n) || n < 0)
    throw ConfigurationException(envName + ": expected a whole number >= 0, got '" + escapeControls(text) + "'");
  return n;
}

std::chrono::milliseconds Settings::seconds(const std::string& key, const std::string& envName,
                                            double fallback) const {
  const std::string text = Poco::trim(lookup(key, envName));
  double s = fallback;
  if (!text.empty() && (text.find('\0') != std::string::npos || !Poco::NumberParser::tryParseFloat(text, s) ||
                        !std::isfinite(s) || s < 0 || s > 1e9))
    throw ConfigurationException(envName + ": expected a number of seconds >= 0, got '" + escapeControls(text) + "'");
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

std::string Settings::webRoot() const {
  const std::string configured = lookup("multiflexi.webRoot", "MULTIFLEXI_WEB_ROOT");
  if (!configured.empty()) return configured;
  if (inBuildTree()) return MFX_SOURCE_WEB_ROOT;
  Poco::Path installed(Poco::Path(_config.getString("application.dir", ".")).makeDirectory(),
                       Poco::Path(MFX_WEB_DIR_FROM_BINDIR).makeDirectory());
  return installed.makeAbsolute().toString();
}

int64_t Settings::numberIn(const std::string& key, const std::string& envName, int64_t fallback, int64_t min,
                           int64_t max) const {
  const int64_t n = wholeNumber(key, envName, fallback);
  if (n < min || n > max)
    throw ConfigurationException(envName + ": expected " + std::to_string(min) + " to " + std::to_string(max) +
                                 ", got " + std::to_string(n));
  return n;
}

bool Settings::flag(const std::string& key, const std::string& envName, bool fallback) const {
  const std::string text = Poco::toLower(Poco::trim(lookup(key, envName)));
  if (text.empty()) return fallback;
  if (text == "1" || text == "true" || text == "yes" || text == "on") return true;
  if (text == "0" || text == "false" || text == "no" || text == "off") return false;
  throw ConfigurationException(envName + ": expected true or false, got '" + escapeControls(text) + "'");
}

bool Settings::daemonize() const { return flag("multiflexi.daemonize", "MULTIFLEXI_DAEMONIZE", true); }

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

int64_t Settings::metricsMaxTemplates() const {
  return numberIn("multiflexi.metricsMaxTemplates", "MULTIFLEXI_METRICS_MAX_TEMPLATES", 2000, 0, 1'000'000);
}

int64_t Settings::monitorQueue() const {
  return numberIn("multiflexi.monitor.queue", "MULTIFLEXI_MONITOR_QUEUE", 10'000, 1, 10'000'000);
}

std::chrono::milliseconds Settings::monitorHeartbeat() const {
  return seconds("multiflexi.monitor.heartbeat", "MULTIFLEXI_MONITOR_HEARTBEAT", 60);
}

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

std::optional<Poco::Net::SocketAddress> Settings::listenAddress() const {
  std::string text = Poco::trim(lookup("multiflexi.listen", "MULTIFLEXI_LISTEN"));
  if (text.empty()) text = "127.0.0.1:8420";
  if (Poco::toLower(text) == "off") return std::nullopt;
  const auto bad = [&text](const std::string& why) {
    return ConfigurationException("MULTIFLEXI_LISTEN: " + why + "; expected HOST:PORT (127.0.0.1:8420, [::1]:8420, "
                                  "0.0.0.0:80) or off, got '" + escapeControls(text) + "'");
  };
  const bool bracketed = text.front() == '[';
  std::string host, port;
  if (bracketed) {
    const std::size_t close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') throw bad("no port");
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string::npos) throw bad("no port");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host == "localhost") host = "127.0.0.1";
  }
  // Plain dotted quads or hex groups only: the parser below would also take
  // "127.1", a lone number, or what precedes a NUL.
  const bool plain = bracketed ? host.find_first_not_of("0123456789abcdefABCDEF:.") == std::string::npos
                               : host.find_first_not_of("0123456789.") == std::string::npos &&
                                     std::count(host.begin(), host.end(), '.') == 3;
  Poco::Net::IPAddress address;
  if (!plain || !Poco::Net::IPAddress::tryParse(host, address) ||
      (address.family() == Poco::Net::IPAddress::IPv6) != bracketed)
    throw bad(bracketed ? "not an IPv6 address" : "not an IPv4 address (IPv6 goes in brackets)");
  unsigned number = 0;
  if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 ||
      !Poco::NumberParser::tryParseUnsigned(port, number) || number > 65535)
    throw bad("port not in 0-65535");
  return Poco::Net::SocketAddress(address, static_cast<Poco::UInt16>(number));
}

int64_t Settings::httpMaxBody() const {
  return numberIn("multiflexi.http.maxBody", "MULTIFLEXI_HTTP_MAX_BODY", 1 << 20, 0, int64_t(1) << 30);
}

int Settings::httpThreads() const {
  constexpr int64_t most = Database::kMaxSessions / 2;
  const int64_t threads = numberIn("multiflexi.http.threads", "MULTIFLEXI_HTTP_THREADS", 8, 1, 1 << 20);
  if (threads > most)
    throw ConfigurationException("MULTIFLEXI_HTTP_THREADS: at most " + std::to_string(most) + ", got " +
                                 std::to_string(threads) + " (the store's session pool holds " +
                                 std::to_string(Database::kMaxSessions) +
                                 "; a request may hold more than one and the scheduler and executor need theirs)");
  return static_cast<int>(threads);
}

int Settings::httpQueue() const {
  return static_cast<int>(numberIn("multiflexi.http.queue", "MULTIFLEXI_HTTP_QUEUE", 64, 1, 65535));
}

std::chrono::milliseconds Settings::httpTimeout() const {
  const auto timeout = seconds("multiflexi.http.timeout", "MULTIFLEXI_HTTP_TIMEOUT", 30);
  if (timeout.count() == 0) throw ConfigurationException("MULTIFLEXI_HTTP_TIMEOUT: must be more than 0 seconds");
  return timeout;
}

std::chrono::milliseconds Settings::httpKeepAlive() const {
  return seconds("multiflexi.http.keepAlive", "MULTIFLEXI_HTTP_KEEP_ALIVE", 10);
}

int Settings::httpMaxStreams() const {
  const int threads = httpThreads();
  const int64_t streams =
      numberIn("multiflexi.http.maxStreams", "MULTIFLEXI_HTTP_MAX_STREAMS", threads / 2, 0, 1 << 20);
  if (streams >= threads)
    throw ConfigurationException("MULTIFLEXI_HTTP_MAX_STREAMS: must be less than MULTIFLEXI_HTTP_THREADS (" +
                                 std::to_string(threads) + "), got " + std::to_string(streams) +
                                 " (each stream holds a thread; the others answer the rest)");
  return static_cast<int>(streams);
}

int Settings::httpMaxStreamsPerUser() const {
  return static_cast<int>(
      numberIn("multiflexi.http.maxStreamsPerUser", "MULTIFLEXI_HTTP_MAX_STREAMS_PER_USER", 2, 0, 1000));
}

std::chrono::milliseconds Settings::httpStreamLifetime() const {
  const auto lifetime = seconds("multiflexi.http.streamLifetime", "MULTIFLEXI_HTTP_STREAM_LIFETIME", 600);
  if (lifetime.count() == 0)
    throw ConfigurationException("MULTIFLEXI_HTTP_STREAM_LIFETIME: must be more than 0 seconds");
  return lifetime;
}

std::optional<Settings::TlsFiles> Settings::tlsFiles() const {
  TlsFiles files{Poco::trim(lookup("multiflexi.tls.cert", "MULTIFLEXI_TLS_CERT")),
                 Poco::trim(lookup("multiflexi.tls.key", "MULTIFLEXI_TLS_KEY"))};
  if (files.certificate.empty() && files.key.empty()) return std::nullopt;
  if (files.certificate.empty() || files.key.empty())
    throw ConfigurationException(std::string(files.key.empty() ? "MULTIFLEXI_TLS_KEY" : "MULTIFLEXI_TLS_CERT") +
                                 ": must be set with " +
                                 (files.key.empty() ? "MULTIFLEXI_TLS_CERT" : "MULTIFLEXI_TLS_KEY") +
                                 " (both switch on HTTPS)");
  return files;
}

bool Settings::rateLimiting() const {
  return flag("multiflexi.rateLimiting", "API_RATE_LIMITING_ENABLED", true);
}

int64_t Settings::rateLimitRequests() const {
  return numberIn("multiflexi.rateLimitRequests", "API_RATE_LIMIT_REQUESTS", 120, 1, 1000000000);
}

std::chrono::seconds Settings::rateLimitWindow() const {
  return std::chrono::seconds(numberIn("multiflexi.rateLimitWindow", "API_RATE_LIMIT_WINDOW", 60, 1, 86400 * 366));
}

std::chrono::seconds Settings::sessionIdle() const {
  return std::chrono::seconds(numberIn("multiflexi.session.idle", "MULTIFLEXI_SESSION_IDLE", 1800, 60, 86400 * 366));
}

std::chrono::seconds Settings::sessionLifetime() const {
  return std::chrono::seconds(
      numberIn("multiflexi.session.lifetime", "MULTIFLEXI_SESSION_LIFETIME", 43200, 60, 86400 * 366));
}

}  // namespace MultiFlexi
