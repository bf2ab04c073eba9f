// A tiny Zabbix trapper for the plugin's unit tests: listens on loopback,
// reads one sender request per connection and answers with whatever bytes
// the test's script returns (a normal reply, garbage, a huge header, or
// nothing at all: kSilent keeps the connection open unanswered). Stops in
// its destructor. Header-only; link Poco::Net.
#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace MultiFlexi::Testing {

class FakeTrapper {
 public:
  /// Returned by a script: answer nothing, keep the connection open.
  static inline const std::string kSilent = std::string("\0silent", 7);
  /// (request JSON, index of the request from 0) -> bytes to answer.
  using Script = std::function<std::string(const std::string& json, int index)>;

  explicit FakeTrapper(Script script, uint16_t port = 0) : _script(std::move(script)) {
    Poco::Net::SocketAddress at("127.0.0.1", port);
    _listener.bind(at, true);
    _listener.listen(16);
    _port = _listener.address().port();
    _thread = std::thread([this] { serve(); });
  }
  ~FakeTrapper() {
    _stop = true;
    _thread.join();
    _listener.close();
  }
  FakeTrapper(const FakeTrapper&) = delete;
  FakeTrapper& operator=(const FakeTrapper&) = delete;

  uint16_t port() const { return _port; }

  std::vector<std::string> requests() const {
    std::lock_guard<std::mutex> l(_mutex);
    return _requests;
  }
  bool waitRequests(std::size_t n, std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> l(_mutex);
    return _changed.wait_for(l, timeout, [&] { return _requests.size() >= n; });
  }
  /// The raw bytes of request `i` (header included).
  std::string rawRequest(std::size_t i) const {
    std::lock_guard<std::mutex> l(_mutex);
    return _raw.at(i);
  }

  /// A framed reply: ZBXD, flags, uint32-LE length, uint32-LE reserved, body.
  static std::string frame(const std::string& body, uint8_t flags = 1, uint32_t reserved = 0) {
    std::string out = "ZBXD";
    out.push_back(static_cast<char>(flags));
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((body.size() >> (8 * i)) & 0xff));
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((reserved >> (8 * i)) & 0xff));
    return out + body;
  }
  static std::string ok(int processed, int failed) {
    return frame(R"({"response":"success","info":"processed: )" + std::to_string(processed) + "; failed: " +
                 std::to_string(failed) + "; total: " + std::to_string(processed + failed) +
                 R"(; seconds spent: 0.000100"})");
  }
  /// A reply saying every value of the request was processed.
  static std::string allOk(const std::string& json) { return ok(countValues(json), 0); }
  static int countValues(const std::string& json) {
    int n = 0;
    for (std::size_t at = json.find("\"clock\""); at != std::string::npos; at = json.find("\"clock\"", at + 1)) ++n;
    return n;
  }

 private:
  void serve() {
    std::vector<Poco::Net::StreamSocket> held;
    int index = 0;
    while (!_stop) {
      if (!_listener.poll(Poco::Timespan(0, 50000), Poco::Net::Socket::SELECT_READ)) continue;
      Poco::Net::StreamSocket peer = _listener.acceptConnection();
      peer.setReceiveTimeout(Poco::Timespan(5, 0));
      try {
        std::string head = readN(peer, 13);
        uint32_t len = 0;
        for (int i = 3; i >= 0; --i) len = (len << 8) | static_cast<unsigned char>(head[5 + i]);
        const std::string body = readN(peer, len);
        {
          std::lock_guard<std::mutex> l(_mutex);
          _requests.push_back(body);
          _raw.push_back(head + body);
        }
        _changed.notify_all();
        const std::string answer = _script(body, index++);
        if (answer == kSilent) {
          held.push_back(peer);
          continue;
        }
        std::size_t sent = 0;
        while (sent < answer.size()) {
          const int n = peer.sendBytes(answer.data() + sent, static_cast<int>(answer.size() - sent));
          if (n <= 0) break;
          sent += static_cast<std::size_t>(n);
        }
      } catch (...) {
        // a client that went away: the next one
      }
      peer.close();
    }
    for (auto& s : held) s.close();
  }

  static std::string readN(Poco::Net::StreamSocket& s, std::size_t n) {
    std::string out(n, '\0');
    std::size_t got = 0;
    while (got < n) {
      const int r = s.receiveBytes(out.data() + got, static_cast<int>(n - got));
      if (r <= 0) throw std::runtime_error("short request");
      got += static_cast<std::size_t>(r);
    }
    return out;
  }

  Script _script;
  Poco::Net::ServerSocket _listener;
  uint16_t _port = 0;
  std::atomic<bool> _stop{false};
  std::thread _thread;
  mutable std::mutex _mutex;
  mutable std::condition_variable _changed;
  std::vector<std::string> _requests;
  std::vector<std::string> _raw;
};

}  // namespace MultiFlexi::Testing
