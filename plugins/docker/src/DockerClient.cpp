#include "DockerClient.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace mfx::docker {

namespace {

Poco::Timespan span(std::chrono::milliseconds ms) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
}

}  // namespace

std::string engineMessage(const std::string& body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_object() && doc.contains("message") && doc["message"].is_string()) return doc["message"].get<std::string>();
  std::string text = body;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

DockerClient::DockerClient(DockerEndpoint endpoint, std::string apiVersion)
    : _endpoint(std::move(endpoint)), _apiVersion(std::move(apiVersion)) {}

std::string DockerClient::url(const std::string& path) const { return "/" + _apiVersion + path; }

ApiResponse DockerClient::call(const std::string& method, const std::string& path, const std::string& jsonBody,
                               std::chrono::milliseconds timeout) const {
  Poco::Net::HTTPClientSession session(_endpoint.connect(timeout));
  session.setTimeout(span(timeout));
  Poco::Net::HTTPRequest request(method, url(path), Poco::Net::HTTPMessage::HTTP_1_1);
  request.setHost("docker");
  request.setKeepAlive(false);
  if (!jsonBody.empty()) request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(jsonBody.size()));
  try {
    session.sendRequest(request) << jsonBody;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    ApiResponse result;
    result.status = response.getStatus();
    Poco::StreamCopier::copyToString(in, result.body);
    return result;
  } catch (const Poco::Exception& e) {
    throw Unavailable("Docker engine at " + _endpoint.describe() + ", " + method + " " + path + ": " + e.displayText());
  }
}

ApiResponse DockerClient::expect(const std::string& what, const std::string& method, const std::string& path,
                                 const std::string& jsonBody, std::chrono::milliseconds timeout) const {
  ApiResponse response = call(method, path, jsonBody, timeout);
  if (response.status >= 400) throw ApiError(what + ": " + engineMessage(response.body));
  return response;
}

Poco::Net::StreamSocket DockerClient::hijack(const std::string& path, std::chrono::milliseconds timeout) const {
  Poco::Net::StreamSocket socket = _endpoint.connect(timeout);
  socket.setReceiveTimeout(span(timeout));
  const std::string head = "POST " + url(path) + " HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\n"
                           "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
  try {
    socket.sendBytes(head.data(), static_cast<int>(head.size()));
    // Read the response head byte by byte: the raw stream follows it at once.
    std::string response;
    char c = 0;
    while (response.size() < 16384 && response.find("\r\n\r\n") == std::string::npos) {
      if (socket.receiveBytes(&c, 1) != 1) break;
      response += c;
    }
    int status = 0;
    std::istringstream(response.substr(response.find(' ') + 1)) >> status;
    if (status == 101 || status == 200) return socket;
    // An error: a short JSON body follows the head (Content-Length, as the
    // engine sends small replies).
    std::string lower = response;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::size_t length = 0;
    if (const auto at = lower.find("content-length:"); at != std::string::npos)
      length = std::stoul(response.substr(at + 15));
    std::string body(std::min<std::size_t>(length, 65536), '\0');
    std::size_t got = 0;
    while (got < body.size()) {
      const int n = socket.receiveBytes(body.data() + got, static_cast<int>(body.size() - got));
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    body.resize(got);
    throw ApiError("attach: " + (body.empty() ? "HTTP " + std::to_string(status) : engineMessage(body)));
  } catch (const Poco::Exception& e) {
    throw Unavailable("Docker engine at " + _endpoint.describe() + ", attach: " + e.displayText());
  }
}

}  // namespace mfx::docker
