// One sender-protocol exchange with a Zabbix server or proxy over TCP:
// connect (bounded), send the request, read a bounded reply. Not
// thread-safe; the monitor's sender thread owns it.
#pragma once

#include "SenderProtocol.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mfx::zabbix {

class ZabbixSender {
 public:
  /// Replies larger than this are refused (a trapper answers in < 200 bytes).
  static constexpr std::size_t kMaxReply = 64 * 1024;

  ZabbixSender(std::string server, uint16_t port, std::chrono::milliseconds connectTimeout,
               std::chrono::milliseconds ioTimeout);

  /// Sends `values` in one request and returns the server's reply. Throws
  /// std::runtime_error (connect, timeout, short or malformed reply); the
  /// message names the server but never carries values.
  SenderReply send(const std::vector<SenderValue>& values) const;

  std::string endpoint() const { return _server + ":" + std::to_string(_port); }

 private:
  std::string _server;
  uint16_t _port;
  std::chrono::milliseconds _connectTimeout;
  std::chrono::milliseconds _ioTimeout;
};

}  // namespace mfx::zabbix
