// One HTTP exchange with a server the test started, as a client sees it:
// status, headers and body. Header-only; link Poco::Net.
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <map>
#include <string>

namespace MultiFlexi::Testing {

/// A loopback port nothing listens on right now.
inline Poco::UInt16 freePort() {
  Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
  const Poco::UInt16 port = probe.address().port();
  probe.close();
  return port;
}

struct Reply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;
};

inline Reply exchange(Poco::Net::HTTPClientSession& session, const std::string& method, const std::string& target,
                      const std::string& body = "", const std::map<std::string, std::string>& headers = {}) {
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty()) request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Reply out{response.getStatus(), {}, {}};
  for (const auto& [name, value] : response) out.headers[name] = value;
  Poco::StreamCopier::copyToString(in, out.body);
  return out;
}

}  // namespace MultiFlexi::Testing
