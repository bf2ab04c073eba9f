// The Docker Engine API over one endpoint: JSON requests (one connection
// each) and hijacked streams (attach). Errors carry the engine's message.
#pragma once

#include "DockerEndpoint.h"

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <string>

namespace mfx::docker {

struct ApiResponse {
  int status = 0;
  std::string body;
};

/// The engine refused a request; the message is the engine's own.
class ApiError : public Error {
 public:
  explicit ApiError(const std::string& message) : Error(MFX_E_UNAVAILABLE, message) {}
};

class DockerClient {
 public:
  DockerClient(DockerEndpoint endpoint, std::string apiVersion);

  /// Sends `method` `path` (below /<api version>) with a JSON body when
  /// given; waits up to `timeout`. Throws mfx::Unavailable when the engine
  /// cannot be reached or does not answer.
  ApiResponse call(const std::string& method, const std::string& path, const std::string& jsonBody,
                   std::chrono::milliseconds timeout) const;
  /// As call(), but a status >= 400 throws ApiError with the engine's message
  /// prefixed by `what` ("create container: No such image: x").
  ApiResponse expect(const std::string& what, const std::string& method, const std::string& path,
                     const std::string& jsonBody, std::chrono::milliseconds timeout) const;
  /// POSTs `path` asking to upgrade the connection to a raw stream and
  /// returns the socket once the engine switched. Throws ApiError/Unavailable.
  Poco::Net::StreamSocket hijack(const std::string& path, std::chrono::milliseconds timeout) const;

 private:
  std::string url(const std::string& path) const;

  DockerEndpoint _endpoint;
  std::string _apiVersion;
};

/// The engine's {"message": "..."} from an error body, or the body itself.
std::string engineMessage(const std::string& body);

}  // namespace mfx::docker
