// The zabbix monitor's settings, read once at load through config_get
// (plugins.org.multiflexi.zabbix.<KEY>, else the env file, else the
// environment). A malformed value throws mfx::Invalid naming the key.
#pragma once

#include <multiflexi/mfx_plugin.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace mfx::zabbix {

struct ZabbixSettings {
  /// Empty: ZABBIX_SERVER is unset or empty, the monitor is idle.
  std::string server;
  uint16_t port = 10051;
  /// ZABBIX_HOST, else the machine name: the host of events whose company
  /// has no zabbix_host.
  std::string fallbackHost;
  std::size_t batchSize = 100;
  std::chrono::milliseconds batchInterval{1000};
  std::size_t bufferSize = 10000;
  std::chrono::milliseconds connectTimeout{3000};
  std::chrono::milliseconds ioTimeout{5000};
  std::chrono::milliseconds retryMin{1000};
  std::chrono::milliseconds retryMax{60000};
  /// How long after a discovery a rejected value is sent once more.
  std::chrono::milliseconds lldRetryDelay{3000};
  /// flush() gives up after this (at most 5 s, the monitor contract).
  std::chrono::milliseconds flushTimeout{5000};

  bool enabled() const { return !server.empty(); }

  /// Reads and checks every key. Throws mfx::Invalid("KEY: reason").
  static ZabbixSettings fromHost(const Host& host);
};

/// Splits "host", "host:port", "[v6]:port" or "[v6]" into host and port
/// (`defaultPort` when none is given). Throws mfx::Invalid naming ZABBIX_SERVER.
std::pair<std::string, uint16_t> parseServer(const std::string& text, uint16_t defaultPort);

/// A Zabbix host name we may send: 1..128 printable characters without
/// control bytes. Throws mfx::Invalid naming `key`.
void checkHostName(const char* key, const std::string& name);

}  // namespace mfx::zabbix
