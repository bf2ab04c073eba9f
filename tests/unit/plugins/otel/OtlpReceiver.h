// An OTLP/HTTP JSON receiver for the tests (no collector is packaged in
// Debian 12): a Poco HTTPServer on a free loopback port that checks every
// request against the OTLP JSON encoding rules (otlpViolations), answers 400
// when one is broken, and otherwise answers what the test scripted (200,
// 429 with Retry-After, 503, partial success ...).
// THREADS: the server answers on its own threads; every method is safe to
// call from the test thread while it runs.
#pragma once

#include <Poco/Net/HTTPServer.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace mfx::otel::testing {

/// Every broken OTLP JSON rule in `body` posted to `path` (/v1/traces or
/// /v1/metrics): field names not lowerCamelCase, ids not lowercase hex of
/// the right length, 64-bit integers not strings of digits, enums not
/// integers, missing resource attributes (service.name, service.version,
/// host.name), a parentSpanId with no span of the same trace in the request.
std::vector<std::string> otlpViolations(const std::string& path, const nlohmann::json& body);

struct ScriptedReply {
  ScriptedReply(int status_ = 200, std::string body_ = "{}", std::string retryAfter_ = {},
                std::chrono::milliseconds delay_ = std::chrono::milliseconds(0))
      : status(status_), body(std::move(body_)), retryAfter(std::move(retryAfter_)), delay(delay_) {}
  int status = 200;
  std::string body = "{}";
  std::string retryAfter;             ///< Retry-After header, when set
  std::chrono::milliseconds delay{0};  ///< wait before answering
};

struct ReceivedRequest {
  std::string path;
  std::string contentType;
  std::map<std::string, std::string> headers;
  nlohmann::json body;
  std::vector<std::string> violations;
  int answeredStatus = 0;
};

class OtlpReceiver {
 public:
  OtlpReceiver();
  ~OtlpReceiver();
  OtlpReceiver(const OtlpReceiver&) = delete;
  OtlpReceiver& operator=(const OtlpReceiver&) = delete;

  /// "http://127.0.0.1:<port>"
  std::string endpoint() const;
  /// Queues the answer to the next request (then 200 "{}" again).
  void script(ScriptedReply reply);
  std::vector<ReceivedRequest> received() const;
  /// Waits until pred holds for the requests received so far.
  bool waitFor(const std::function<bool(const std::vector<ReceivedRequest>&)>& pred,
               std::chrono::milliseconds within) const;

  /// Used by the request handler.
  struct State {
    mutable std::mutex mutex;
    mutable std::condition_variable changed;
    std::deque<ScriptedReply> script;
    std::vector<ReceivedRequest> received;
  };

 private:
  std::shared_ptr<State> _state;
  std::unique_ptr<Poco::Net::HTTPServer> _server;
  unsigned short _port = 0;
};

/// All spans of all /v1/traces requests (each span object as received).
std::vector<nlohmann::json> receivedSpans(const std::vector<ReceivedRequest>& requests);
/// All metrics of all /v1/metrics requests.
std::vector<nlohmann::json> receivedMetrics(const std::vector<ReceivedRequest>& requests);
/// An attribute's value object ({"stringValue": ...}) from a KeyValue list, or null.
nlohmann::json attributeOf(const nlohmann::json& keyValues, const std::string& key);

}  // namespace mfx::otel::testing
