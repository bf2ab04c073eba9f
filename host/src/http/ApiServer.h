// The REST API over HTTP(S): a Poco::Net::HTTPServer serving a route table
// under kApiBasePath. Per request it reads the body (bounded), finds the
// route (http/Router), authenticates the caller of an authenticated route
// (and of a public one that came with credentials) through the injected
// authenticator — from the Authorization header, or without one from the
// session cookie with its CSRF header (http/Cookie) — applies the rate limits, calls the handler and
// renders its answer (http/ResponseRenderer) or its exception
// (http/ErrorResponse); then logs one line (method, path with secrets
// redacted, status, duration, user, request id) at information on the access
// log (kAccessLogName, http/RequestLog.h). Never a body.
//
// The process ignores SIGPIPE from the first server on (a client that goes
// away fails a write instead of ending the process).
//
// Keep-alive connections take turns: while accepted connections wait for a
// worker thread, an answer closes its connection (Connection: close), so the
// waiting ones are served instead of idling behind one busy client (Poco
// keeps a connection on its thread for as long as it sends requests).
//
// A streamed answer (ApiResponse::stream) is admitted by a StreamGate
// (ApiServerOptions::maxStreams overall, maxStreamsPerUser per user): beyond
// them it is refused, 503 or 429 with Retry-After, before anything is sent.
// The stream is told to end (ApiRequest::streamOver) after
// ApiServerOptions::streamLifetime, and at once when stop() begins.
//
// Ownership: the catalog must outlive the server. Threads: handlers run on
// the server's worker threads (ApiServerOptions::threads); stop() and the
// accessors may be called from any thread. Throws: the constructor throws
// ConfigurationException when it cannot listen (address in use, a TLS
// certificate or key that cannot be loaded), naming the setting.
#pragma once

#include "api/ApiRoute.h"
#include "domain/AuthAttempt.h"
#include "domain/Caller.h"

#include <Poco/Net/SocketAddress.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

class Catalog;
class StaticFiles;

struct ApiServerOptions {
  Poco::Net::SocketAddress address{"127.0.0.1", 8420};
  /// PEM files; both set switch on TLS (1.2 or later, no client certificates).
  std::string tlsCertificate;
  std::string tlsKey;
  /// A larger request body is answered 413.
  std::size_t maxBody = 1 << 20;
  /// Worker threads, and accepted connections waiting for one.
  int threads = 8;
  int queue = 64;
  /// Socket read and write timeout.
  std::chrono::milliseconds timeout{30000};
  /// How long an idle connection is kept open; zero: one request per connection.
  std::chrono::milliseconds keepAlive{10000};
  /// Requests per user and per remote address in each window; off: unlimited.
  bool rateLimiting = true;
  std::size_t rateLimit = 120;
  std::chrono::seconds rateWindow{60};
  /// Streamed answers (SSE) at once, overall and per user (http/StreamGate);
  /// beyond them 503 or 429 with Retry-After.
  int maxStreams = 4;
  int maxStreamsPerUser = 2;
  /// How long one stream may run; then it ends cleanly and the client reconnects.
  std::chrono::milliseconds streamLifetime{600000};
  /// The web console (http/StaticFiles): every path outside kApiBasePath;
  /// not rate limited. Unset: such paths are the API's JSON 404.
  std::shared_ptr<const StaticFiles> staticFiles;
};

/// Turns what a caller presented into who they are; throws UnauthorizedException.
using Authenticator = std::function<Caller(const AuthAttempt&)>;

class ApiServer {
 public:
  /// Listens and starts serving at once.
  ApiServer(Catalog& catalog, std::vector<ApiRoute> routes, Authenticator authenticate, ApiServerOptions options);
  /// Stops without grace when stop() was not called.
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  /// The address listened on (the port chosen when 0 was asked for).
  Poco::Net::SocketAddress address() const;
  bool secure() const;
  /// "http://127.0.0.1:8420/api/VitexSoftware/MultiFlexi/1.0.0/".
  std::string baseUrl() const;
  /// Requests being handled now.
  int inFlight() const;
  /// Stops accepting, lets the requests in flight finish for up to `grace`,
  /// then closes every connection. Idempotent.
  void stop(std::chrono::milliseconds grace);

  struct State;

 private:
  std::unique_ptr<State> _state;
};

}  // namespace MultiFlexi
