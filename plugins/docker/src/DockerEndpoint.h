// Where the Docker engine listens and how to reach it, in DOCKER_HOST terms:
// unix:///run/docker.sock, or tcp://host:port with TLS from a certificate
// directory holding ca.pem, cert.pem and key.pem (DOCKER_CERT_PATH).
#pragma once

#include <multiflexi/mfx_plugin.hpp>

#include <Poco/Net/Context.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace mfx::docker {

class DockerEndpoint {
 public:
  /// Parses `host` (unix://PATH or tcp://HOST:PORT). With `tlsVerify`, the
  /// engine's certificate must be signed by certPath/ca.pem and name the
  /// host; certPath/cert.pem and key.pem identify us. Throws mfx::Invalid
  /// naming the key (host, tls_verify, cert_path) and the reason.
  DockerEndpoint(const std::string& host, bool tlsVerify, const std::string& certPath);

  /// A connected socket (TLS already negotiated for tcp with TLS). Throws
  /// mfx::Unavailable naming the endpoint when the engine cannot be reached.
  Poco::Net::StreamSocket connect(std::chrono::milliseconds timeout) const;
  /// "unix:///run/docker.sock" or "tcp://host:port (TLS)".
  std::string describe() const;

 private:
  std::string _host;
  std::string _unixPath;  // set for unix://
  std::string _tcpHost;
  uint16_t _tcpPort = 0;
  Poco::Net::Context::Ptr _tls;  // set for tcp with TLS
};

}  // namespace mfx::docker
