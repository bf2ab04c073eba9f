#include "OtlpReceiver.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <regex>
#include <set>
#include <thread>

namespace mfx::otel::testing {
namespace {

using nlohmann::json;

const std::set<std::string> kInt64Fields = {"timeUnixNano", "startTimeUnixNano", "endTimeUnixNano",
                                            "observedTimeUnixNano", "intValue", "asInt", "count",
                                            "rejectedSpans", "rejectedDataPoints"};
const std::set<std::string> kEnumFields = {"kind", "aggregationTemporality", "code"};

bool hexOf(const json& v, std::size_t digits) {
  if (!v.is_string()) return false;
  const std::string s = v.get<std::string>();
  static const std::regex hex("^[0-9a-f]+$");
  return s.size() == digits && std::regex_match(s, hex) && s.find_first_not_of('0') != std::string::npos;
}

bool int64String(const json& v) {
  static const std::regex digits("^-?[0-9]{1,19}$");
  return v.is_string() && std::regex_match(v.get<std::string>(), digits);
}

void walk(const json& node, const std::string& where, std::vector<std::string>& out) {
  static const std::regex camel("^[a-z][a-zA-Z0-9]*$");
  if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) walk(node[i], where + "[" + std::to_string(i) + "]", out);
    return;
  }
  if (!node.is_object()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string& key = it.key();
    const std::string at = where + "." + key;
    if (!std::regex_match(key, camel)) out.push_back(at + ": field name is not lowerCamelCase");
    if (kInt64Fields.count(key) && !int64String(*it)) out.push_back(at + ": 64-bit integer not a string");
    if (key == "bucketCounts") {
      if (!it->is_array()) out.push_back(at + ": not an array");
      else
        for (const auto& c : *it)
          if (!int64String(c)) out.push_back(at + ": bucket count not a string");
    }
    if (kEnumFields.count(key) && !it->is_number_integer()) out.push_back(at + ": enum not an integer");
    if (key == "traceId" && !hexOf(*it, 32)) out.push_back(at + ": not 32 lowercase hex digits");
    if ((key == "spanId" || key == "parentSpanId") && !hexOf(*it, 16))
      out.push_back(at + ": not 16 lowercase hex digits");
    walk(*it, at, out);
  }
}

void checkResource(const json& rs, const std::string& where, std::vector<std::string>& out) {
  const json attrs = rs.contains("resource") ? rs["resource"].value("attributes", json::array()) : json::array();
  for (const char* key : {"service.name", "service.version", "host.name"}) {
    const json v = attributeOf(attrs, key);
    if (!v.is_object() || !v.contains("stringValue") || v["stringValue"].get<std::string>().empty())
      out.push_back(where + ".resource: no " + key);
  }
}

}  // namespace

json attributeOf(const json& keyValues, const std::string& key) {
  if (!keyValues.is_array()) return nullptr;
  for (const auto& kv : keyValues)
    if (kv.is_object() && kv.value("key", "") == key && kv.contains("value")) return kv["value"];
  return nullptr;
}

std::vector<std::string> otlpViolations(const std::string& path, const json& body) {
  std::vector<std::string> out;
  if (!body.is_object()) return {"body is not a JSON object"};
  walk(body, "$", out);
  const char* top = path == "/v1/traces" ? "resourceSpans" : path == "/v1/metrics" ? "resourceMetrics" : nullptr;
  if (top == nullptr) return {"unknown path " + path};
  if (!body.contains(top) || !body[top].is_array() || body[top].empty()) {
    out.push_back(std::string("$.") + top + ": missing or empty");
    return out;
  }
  for (std::size_t r = 0; r < body[top].size(); ++r) {
    const json& rs = body[top][r];
    checkResource(rs, std::string("$.") + top + "[" + std::to_string(r) + "]", out);
    if (path != "/v1/traces") continue;
    std::map<std::string, std::string> traceOf;  // spanId -> traceId
    std::vector<json> spans;
    for (const auto& ss : rs.value("scopeSpans", json::array()))
      for (const auto& s : ss.value("spans", json::array())) {
        spans.push_back(s);
        traceOf[s.value("spanId", "")] = s.value("traceId", "");
      }
    for (const auto& s : spans) {
      for (const char* req : {"traceId", "spanId", "name", "startTimeUnixNano", "endTimeUnixNano"})
        if (!s.contains(req)) out.push_back("span without " + std::string(req));
      if (int64String(s.value("startTimeUnixNano", json())) && int64String(s.value("endTimeUnixNano", json())) &&
          std::stoll(s["startTimeUnixNano"].get<std::string>()) > std::stoll(s["endTimeUnixNano"].get<std::string>()))
        out.push_back("span " + s.value("name", "") + " ends before it starts");
      if (s.contains("parentSpanId")) {
        auto it = traceOf.find(s["parentSpanId"].get<std::string>());
        if (it == traceOf.end()) out.push_back("span " + s.value("name", "") + ": parent not in the request");
        else if (it->second != s.value("traceId", ""))
          out.push_back("span " + s.value("name", "") + ": parent is in another trace");
      }
    }
  }
  return out;
}

namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(std::shared_ptr<OtlpReceiver::State> state) : _state(std::move(state)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
    ReceivedRequest got;
    got.path = req.getURI();
    got.contentType = req.getContentType();
    for (const auto& [k, v] : req) got.headers[k] = v;
    std::string text;
    Poco::StreamCopier::copyToString(req.stream(), text);
    got.body = json::parse(text, nullptr, false);
    if (req.getMethod() != "POST") got.violations.push_back("method is not POST");
    if (got.contentType != "application/json") got.violations.push_back("Content-Type is not application/json");
    if (got.body.is_discarded()) got.violations.push_back("body is not JSON");
    else
      for (auto& v : otlpViolations(got.path, got.body)) got.violations.push_back(v);

    ScriptedReply reply;
    {
      std::lock_guard<std::mutex> l(_state->mutex);
      if (!_state->script.empty() && got.violations.empty()) {
        reply = _state->script.front();
        _state->script.pop_front();
      }
    }
    if (!got.violations.empty()) reply = ScriptedReply{400, json{{"message", got.violations.front()}}.dump()};
    if (reply.delay.count() > 0) std::this_thread::sleep_for(reply.delay);
    got.answeredStatus = reply.status;
    {
      std::lock_guard<std::mutex> l(_state->mutex);
      _state->received.push_back(got);
    }
    _state->changed.notify_all();
    resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
    if (!reply.retryAfter.empty()) resp.set("Retry-After", reply.retryAfter);
    resp.setContentType("application/json");
    resp.sendBuffer(reply.body.data(), reply.body.size());
  }

 private:
  std::shared_ptr<OtlpReceiver::State> _state;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(std::shared_ptr<OtlpReceiver::State> state) : _state(std::move(state)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(_state);
  }

 private:
  std::shared_ptr<OtlpReceiver::State> _state;
};

}  // namespace

OtlpReceiver::OtlpReceiver() : _state(std::make_shared<State>()) {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  _port = socket.address().port();
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(8);
  params->setKeepAlive(false);
  _server = std::make_unique<Poco::Net::HTTPServer>(new Factory(_state), socket, params);
  _server->start();
}

OtlpReceiver::~OtlpReceiver() { _server->stopAll(true); }

std::string OtlpReceiver::endpoint() const { return "http://127.0.0.1:" + std::to_string(_port); }

void OtlpReceiver::script(ScriptedReply reply) {
  std::lock_guard<std::mutex> l(_state->mutex);
  _state->script.push_back(std::move(reply));
}

std::vector<ReceivedRequest> OtlpReceiver::received() const {
  std::lock_guard<std::mutex> l(_state->mutex);
  return _state->received;
}

bool OtlpReceiver::waitFor(const std::function<bool(const std::vector<ReceivedRequest>&)>& pred,
                           std::chrono::milliseconds within) const {
  std::unique_lock<std::mutex> l(_state->mutex);
  return _state->changed.wait_for(l, within, [&] { return pred(_state->received); });
}

namespace {
/// The items under body[top][*][scopeKey][*][itemKey] of the requests to path.
std::vector<json> collect(const std::vector<ReceivedRequest>& requests, const char* path, const char* top,
                          const char* scopeKey, const char* itemKey) {
  std::vector<json> out;
  for (const auto& r : requests)
    if (r.path == path && r.body.is_object())
      for (const auto& resource : r.body.value(top, json::array()))
        for (const auto& scope : resource.value(scopeKey, json::array()))
          for (const auto& item : scope.value(itemKey, json::array())) out.push_back(item);
  return out;
}
}  // namespace

std::vector<json> receivedSpans(const std::vector<ReceivedRequest>& requests) {
  return collect(requests, "/v1/traces", "resourceSpans", "scopeSpans", "spans");
}

std::vector<json> receivedMetrics(const std::vector<ReceivedRequest>& requests) {
  return collect(requests, "/v1/metrics", "resourceMetrics", "scopeMetrics", "metrics");
}

}  // namespace mfx::otel::testing
