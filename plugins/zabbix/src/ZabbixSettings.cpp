#include "ZabbixSettings.h"

#include "HostConfig.h"

#include <unistd.h>

#include <cerrno>
#include <climits>
#include <tuple>
#include <cstdlib>

namespace mfx::zabbix {

namespace {

std::chrono::milliseconds configMs(const Host& host, const char* key, std::chrono::milliseconds fallback,
                                   std::size_t least, std::size_t most) {
  return std::chrono::milliseconds(
      support::configCount(host, key, static_cast<std::size_t>(fallback.count()), least, most));
}

std::string machineName() {
  char name[HOST_NAME_MAX + 1] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

bool printable(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

}  // namespace

void checkHostName(const char* key, const std::string& name) {
  if (name.empty() || name.size() > 128)
    throw Invalid(std::string(key) + ": a Zabbix host name has 1 to 128 characters, got " +
                  std::to_string(name.size()));
  if (!printable(name)) throw Invalid(std::string(key) + ": control characters are not allowed in a host name");
}

std::pair<std::string, uint16_t> parseServer(const std::string& text, uint16_t defaultPort) {
  const auto bad = [&](const std::string& why) { return Invalid("ZABBIX_SERVER: " + why + " (host[:port])"); };
  if (text.size() > 255) throw bad("longer than 255 characters");
  for (unsigned char c : text)
    if (c <= 0x20 || c == 0x7f || c == '/' || c == '@') throw bad("unexpected character in '" + text + "'");
  std::string host = text;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos) throw bad("unclosed '['");
    host = text.substr(1, close - 1);
    const std::string rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') throw bad("expected ':' after ']'");
      port = rest.substr(1);
      if (port.empty()) throw bad("empty port");
    }
  } else if (const auto colon = text.find(':'); colon != std::string::npos) {
    if (text.find(':', colon + 1) != std::string::npos) throw bad("an IPv6 address needs brackets");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (port.empty()) throw bad("empty port");
  }
  if (host.empty()) throw bad("empty host");
  if (port.empty()) return {host, defaultPort};
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(port.c_str(), &end, 10);
  if (*end != '\0' || errno != 0 || value < 1 || value > 65535 || port.front() == '-' || port.front() == '+')
    throw bad("port must be 1 to 65535, got '" + port + "'");
  return {host, static_cast<uint16_t>(value)};
}

ZabbixSettings ZabbixSettings::fromHost(const Host& host) {
  ZabbixSettings s;
  s.port = static_cast<uint16_t>(support::configCount(host, "ZABBIX_PORT", 10051, 1, 65535));
  if (const auto server = host.config("ZABBIX_SERVER"); server && !server->empty())
    std::tie(s.server, s.port) = parseServer(*server, s.port);
  const auto fallback = host.config("ZABBIX_HOST");
  s.fallbackHost = fallback && !fallback->empty() ? *fallback : machineName();
  checkHostName(fallback && !fallback->empty() ? "ZABBIX_HOST" : "the machine name", s.fallbackHost);
  s.batchSize = support::configCount(host, "ZABBIX_BATCH_SIZE", s.batchSize, 1, 10000);
  s.batchInterval = configMs(host, "ZABBIX_BATCH_INTERVAL_MS", s.batchInterval, 0, 600000);
  s.bufferSize = support::configCount(host, "ZABBIX_BUFFER_SIZE", s.bufferSize, 1, 10000000);
  s.connectTimeout = configMs(host, "ZABBIX_CONNECT_TIMEOUT_MS", s.connectTimeout, 1, 60000);
  s.ioTimeout = configMs(host, "ZABBIX_TIMEOUT_MS", s.ioTimeout, 1, 60000);
  s.retryMin = configMs(host, "ZABBIX_RETRY_MIN_MS", s.retryMin, 1, 3600000);
  s.retryMax = configMs(host, "ZABBIX_RETRY_MAX_MS", s.retryMax, 1, 3600000);
  if (s.retryMax < s.retryMin)
    throw Invalid("ZABBIX_RETRY_MAX_MS: must not be smaller than ZABBIX_RETRY_MIN_MS (" +
                  std::to_string(s.retryMin.count()) + ")");
  s.lldRetryDelay = configMs(host, "ZABBIX_LLD_RETRY_DELAY_MS", s.lldRetryDelay, 0, 30000);
  s.flushTimeout = configMs(host, "ZABBIX_FLUSH_TIMEOUT_MS", s.flushTimeout, 0, 5000);
  for (const char* key : {"ZABBIX_TLS_CONNECT", "ZABBIX_TLS_PSK_IDENTITY", "ZABBIX_TLS_PSK_FILE"}) {
    const auto value = host.config(key);
    if (!value || value->empty() || (std::string(key) == "ZABBIX_TLS_CONNECT" && *value == "unencrypted")) continue;
    // Never send in clear text what the operator asked to encrypt.
    throw Invalid(std::string(key) + ": TLS to Zabbix is not supported by this plugin yet; unset it or use "
                  "ZABBIX_TLS_CONNECT=unencrypted");
  }
  return s;
}

}  // namespace mfx::zabbix
