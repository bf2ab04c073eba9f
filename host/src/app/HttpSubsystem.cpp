#include "app/HttpSubsystem.h"

#include "app/Settings.h"
#include "common/Exceptions.h"
#include "http/StaticFiles.h"

#include <Poco/Logger.h>
#include <Poco/Util/Application.h>

namespace MultiFlexi {

ApiServerOptions apiServerOptions(const Settings& s, const Poco::Net::SocketAddress& address) {
  ApiServerOptions o;
  o.address = address;
  if (const auto tls = s.tlsFiles()) {
    o.tlsCertificate = tls->certificate;
    o.tlsKey = tls->key;
  }
  o.maxBody = static_cast<std::size_t>(s.httpMaxBody());
  o.threads = s.httpThreads();
  o.queue = s.httpQueue();
  o.timeout = s.httpTimeout();
  o.keepAlive = s.httpKeepAlive();
  o.maxStreams = s.httpMaxStreams();
  o.maxStreamsPerUser = s.httpMaxStreamsPerUser();
  o.streamLifetime = s.httpStreamLifetime();
  o.rateLimiting = s.rateLimiting();
  o.rateLimit = static_cast<std::size_t>(s.rateLimitRequests());
  o.rateWindow = s.rateLimitWindow();
  o.staticFiles = std::make_shared<StaticFiles>(s.webRoot());
  return o;
}

HttpSubsystem::HttpSubsystem(Catalog& catalog, std::vector<ApiRoute> routes, Authenticator authenticate)
    : _catalog(catalog), _routes(std::move(routes)), _authenticate(std::move(authenticate)) {}

HttpSubsystem::~HttpSubsystem() = default;

void HttpSubsystem::initialize(Poco::Util::Application& app) {
  const Settings settings(app.config());
  const auto address = settings.listenAddress();
  if (!address) throw ConfigurationException("MULTIFLEXI_LISTEN: is off; the HTTP server has nowhere to listen");
  _grace = settings.shutdownGrace();
  _server = std::make_unique<ApiServer>(_catalog, _routes, _authenticate, apiServerOptions(settings, *address));
  Poco::Logger::get("multiflexi.http").information("listening on %s", _server->baseUrl());
}

void HttpSubsystem::uninitialize() { _server.reset(); }

std::string HttpSubsystem::baseUrl() const { return _server ? _server->baseUrl() : std::string(); }

void HttpSubsystem::run(bool once) {
  if (!once) {
    std::unique_lock<std::mutex> lock(_mutex);
    _stopped.wait(lock, [this] { return _stopRequested; });
  }
  _server->stop(_grace);
}

void HttpSubsystem::stop() {
  {
    std::lock_guard<std::mutex> lock(_mutex);
    _stopRequested = true;
  }
  _stopped.notify_all();
}

}  // namespace MultiFlexi
