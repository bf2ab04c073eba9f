#include "DockerEndpoint.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/NumberParser.h>

#include <filesystem>

namespace mfx::docker {

namespace {

/// Keeps OpenSSL initialised while any endpoint exists.
struct SslLibrary {
  SslLibrary() { Poco::Net::initializeSSL(); }
  ~SslLibrary() { Poco::Net::uninitializeSSL(); }
};

}  // namespace

DockerEndpoint::DockerEndpoint(const std::string& host, bool tlsVerify, const std::string& certPath) : _host(host) {
  if (host.rfind("unix://", 0) == 0) {
    _unixPath = host.substr(7);
    if (_unixPath.empty() || _unixPath[0] != '/') throw Invalid("host: '" + host + "' needs an absolute socket path");
    if (tlsVerify) throw Invalid("tls_verify: TLS applies to tcp:// hosts, not to '" + host + "'");
    return;
  }
  if (host.rfind("tcp://", 0) != 0)
    throw Invalid("host: expected unix:///path/to/docker.sock or tcp://host:port, got '" + host + "'");
  const std::string hostPort = host.substr(6);
  const auto colon = hostPort.rfind(':');
  unsigned port = 0;
  if (colon == std::string::npos || colon == 0 || !Poco::NumberParser::tryParseUnsigned(hostPort.substr(colon + 1), port) ||
      port == 0 || port > 65535)
    throw Invalid("host: '" + host + "' needs a host and a port, as tcp://host:2376");
  _tcpHost = hostPort.substr(0, colon);
  _tcpPort = static_cast<uint16_t>(port);
  if (!tlsVerify) return;
  namespace fs = std::filesystem;
  if (certPath.empty()) throw Invalid("cert_path: required with tls_verify (a directory with ca.pem, cert.pem, key.pem)");
  for (const char* file : {"ca.pem", "cert.pem", "key.pem"})
    if (!fs::exists(fs::path(certPath) / file)) throw Invalid("cert_path: " + (fs::path(certPath) / file).string() + " does not exist");
  static SslLibrary ssl;
  try {
    _tls = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, (fs::path(certPath) / "key.pem").string(),
                                  (fs::path(certPath) / "cert.pem").string(), (fs::path(certPath) / "ca.pem").string(),
                                  Poco::Net::Context::VERIFY_STRICT);
  } catch (const Poco::Exception& e) {
    throw Invalid("cert_path: cannot load the certificates in " + certPath + ": " + e.displayText());
  }
}

Poco::Net::StreamSocket DockerEndpoint::connect(std::chrono::milliseconds timeout) const {
  const Poco::Timespan span(static_cast<Poco::Timespan::TimeDiff>(timeout.count()) * 1000);
  try {
    if (!_unixPath.empty()) {
      Poco::Net::StreamSocket socket(Poco::Net::SocketAddress::UNIX_LOCAL);
      socket.connect(Poco::Net::SocketAddress(Poco::Net::SocketAddress::UNIX_LOCAL, _unixPath), span);
      return socket;
    }
    const Poco::Net::SocketAddress address(_tcpHost, _tcpPort);
    if (!_tls) {
      Poco::Net::StreamSocket socket;
      socket.connect(address, span);
      socket.setNoDelay(true);
      return socket;
    }
    Poco::Net::StreamSocket plain;
    plain.connect(address, span);
    plain.setNoDelay(true);
    Poco::Net::SecureStreamSocket secure = Poco::Net::SecureStreamSocket::attach(plain, _tcpHost, _tls);
    secure.completeHandshake();
    return secure;
  } catch (const Poco::Exception& e) {
    throw Unavailable("cannot reach the Docker engine at " + describe() + ": " + e.displayText());
  }
}

std::string DockerEndpoint::describe() const { return _host + (_tls ? " (TLS)" : ""); }

}  // namespace mfx::docker
