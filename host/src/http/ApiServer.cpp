#include "http/ApiServer.h"

#include "domain/ActorScope.h"
#include "domain/AddressKey.h"

#include "common/Exceptions.h"
#include "common/TerminalText.h"
#include "http/Authorization.h"
#include "http/Cookie.h"
#include "http/ErrorResponse.h"
#include "http/RateLimiter.h"
#include "http/RequestLog.h"
#include "http/ResponseRenderer.h"
#include "http/Router.h"
#include "http/StaticFiles.h"
#include "http/StreamGate.h"
#include "http/UrlEncoding.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <csignal>
#include <mutex>
#include <random>
#include <thread>

namespace MultiFlexi {

namespace {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;
using Clock = std::chrono::steady_clock;

Poco::Logger& logger() { return Poco::Logger::get("multiflexi.http"); }
Poco::Logger& accessLog() {
  static Poco::Logger& log = Poco::Logger::get(kAccessLogName);  // looked up once, not per request
  return log;
}

/// What is read of a body refused as too large, so that the client, still
/// sending, gets to read the 413 (beyond it the connection is just closed).
constexpr std::size_t kDrainLimit = 16 << 20;

enum class BodyRead { Complete, TooLarge, Unframed, Broken };

void discard(std::istream& in) {
  char buffer[16384];
  for (std::size_t total = 0; in && total < kDrainLimit;) {
    in.read(buffer, sizeof buffer);
    if (in.gcount() == 0) break;
    total += static_cast<std::size_t>(in.gcount());
  }
}

/// Reads the whole body, at most `max` bytes: a connection stays in step
/// only when every request's body is read, used or not.
BodyRead readBody(HTTPServerRequest& request, std::size_t max, std::string& body) {
  const bool chunked = request.getChunkedTransferEncoding();
  if (!chunked && !request.hasContentLength()) {
    const std::string& m = request.getMethod();
    // Without a length a body runs to the end of the connection: none is read.
    return m == "GET" || m == "HEAD" || m == "DELETE" || m == "OPTIONS" ? BodyRead::Complete : BodyRead::Unframed;
  }
  std::istream& in = request.stream();
  if (!chunked && request.getContentLength64() > static_cast<Poco::Int64>(max)) {
    discard(in);
    return BodyRead::TooLarge;
  }
  char buffer[16384];
  while (in) {
    in.read(buffer, sizeof buffer);
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    if (body.size() + n > max) {
      discard(in);
      return BodyRead::TooLarge;
    }
    body.append(buffer, n);
  }
  return in.bad() ? BodyRead::Broken : BodyRead::Complete;
}

/// `formAllowed`: a public route (login) also takes a form or an untyped
/// body. An authenticated one takes JSON only: a browser sends a form or an
/// untyped body cross-site without asking, JSON not without CORS (CSRF).
OrderedJson parseBody(const std::string& body, const std::string& contentType, bool formAllowed) {
  const std::string type = Poco::toLower(Poco::trim(contentType.substr(0, contentType.find(';'))));
  const bool json = type == "application/json" || Poco::endsWith(type, std::string("+json"));
  if (!formAllowed && !json) throw ValidationException("body", "send it as application/json");
  if (type == "application/x-www-form-urlencoded") {
    OrderedJson form = OrderedJson::object();
    for (auto& [name, value] : parseUrlEncoded(body, "body")) form[name] = value;
    return form;
  }
  if (type.empty() || json) {
    try {
      return parseJson(body);
    } catch (const OrderedJson::parse_error& e) {
      throw ValidationException("body", "not valid JSON (at byte " + std::to_string(e.byte) + ")");
    } catch (const OrderedJson::exception&) {  // a number out of range (1e999)
      throw ValidationException("body", "not valid JSON (a value out of range)");
    }
  }
  throw ValidationException("body", "unsupported content type; send application/json or "
                                    "application/x-www-form-urlencoded");
}

ApiResponse tooMany(std::chrono::seconds wait) {
  ApiResponse out = apiError(429, "rate_limited", "",
                             "too many requests; retry after " + std::to_string(wait.count()) + " seconds");
  out.headers["Retry-After"] = std::to_string(wait.count());
  return out;
}

/// Asked to wait when a stream is refused: long enough not to hammer, short
/// next to a job's run.
constexpr std::chrono::seconds kStreamRetryAfter{5};

ApiResponse streamRefused(StreamGate::Admission::Refused why, const ApiServerOptions& o) {
  ApiResponse out =
      why == StreamGate::Admission::Refused::Client
          ? apiError(429, "rate_limited", "",
                     "at most " + std::to_string(o.maxStreamsPerUser) +
                         " streams per user at once (MULTIFLEXI_HTTP_MAX_STREAMS_PER_USER); retry after " +
                         std::to_string(kStreamRetryAfter.count()) + " seconds")
          : apiError(503, "unavailable", "",
                     "the server runs its most streams at once (MULTIFLEXI_HTTP_MAX_STREAMS); retry after " +
                         std::to_string(kStreamRetryAfter.count()) + " seconds");
  out.headers["Retry-After"] = std::to_string(kStreamRetryAfter.count());
  return out;
}

/// A header value a handler set, without what would end the header.
std::string headerValue(const std::string& value) {
  std::string out;
  for (char c : value)
    if (c != '\r' && c != '\n' && c != '\0') out += c;
  return out;
}

}  // namespace

struct ApiServer::State {
  State(Catalog& c, std::vector<ApiRoute> routes, Authenticator a, ApiServerOptions o)
      : catalog(c), router(std::move(routes)), authenticate(std::move(a)), options(std::move(o)) {}
  ~State() {
    server.reset();
    if (pool) pool->joinAll();
    if (tls) Poco::Net::uninitializeSSL();
  }

  /// Serves one request; returns the answer and sets `user`, `format`.
  ApiResponse serve(HTTPServerRequest& request, HTTPServerResponse& response, std::string_view path,
                    std::string_view query, std::string& user, ResponseFormat& format);
  void handle(HTTPServerRequest& request, HTTPServerResponse& response);

  Catalog& catalog;
  Router router;
  Authenticator authenticate;
  ApiServerOptions options;
  std::optional<RateLimiter> addressLimiter;  // apart, so that a flood of addresses cannot crowd users out
  std::optional<RateLimiter> userLimiter;
  std::unique_ptr<StreamGate> streams;
  bool tls = false;
  Poco::Net::SocketAddress bound;
  Poco::Net::ServerSocket socket;  // closed on stop: connecting is refused at once
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  std::atomic<int> inFlight{0};
  std::atomic<bool> draining{false};
  std::atomic<std::uint64_t> requests{0};
  std::string idPrefix;
  std::mutex stopMutex;
  bool stopped = false;
};

namespace {

class RequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RequestHandler(ApiServer::State& state) : _state(state) {}
  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    _state.handle(request, response);
  }

 private:
  ApiServer::State& _state;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(ApiServer::State& state) : _state(state) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new RequestHandler(_state);
  }

 private:
  ApiServer::State& _state;
};

}  // namespace

ApiResponse ApiServer::State::serve(HTTPServerRequest& request, HTTPServerResponse& response, std::string_view path,
                                    std::string_view query, std::string& user, ResponseFormat& format) {
  std::string body;
  switch (readBody(request, options.maxBody, body)) {
    case BodyRead::TooLarge:
      response.setKeepAlive(false);
      return apiError(413, "payload_too_large", "body",
                      "larger than " + std::to_string(options.maxBody) + " bytes (MULTIFLEXI_HTTP_MAX_BODY)");
    case BodyRead::Broken:
      response.setKeepAlive(false);
      return apiError(400, "validation", "body", "could not be read (timeout or connection closed)");
    case BodyRead::Unframed:
      response.setKeepAlive(false);
      break;
    case BodyRead::Complete:
      break;
  }
  const std::string remote = request.clientAddress().host().toString();
  if (addressLimiter)
    if (auto wait = addressLimiter->admit(addressKey(remote))) return tooMany(*wait);

  const std::string_view base(kApiBasePath);
  if (path.substr(0, base.size()) != base || path.size() == base.size() || path[base.size()] != '/')
    return apiError(404, "not_found", "", "no such operation");
  const RouteMatch match = router.match(request.getMethod(), path.substr(base.size()));
  switch (match.outcome) {
    case RouteMatch::Outcome::Found:
      break;
    case RouteMatch::Outcome::NotFound:
      return apiError(404, "not_found", "", "no such operation");
    case RouteMatch::Outcome::BadPath:
      return apiError(400, "validation", "path", match.detail);
    case RouteMatch::Outcome::MethodNotAllowed: {
      ApiResponse out = apiError(405, "method_not_allowed", "", "this path takes " + match.allow);
      out.headers["Allow"] = match.allow;
      return out;
    }
    case RouteMatch::Outcome::NotAcceptable:
      return apiError(406, "not_acceptable", "format",
                      "'." + escapeControls(match.detail) + "' is not served; use one of " + formatsServed());
  }
  format = match.format;
  const ApiRoute& route = *match.route;

  ApiRequest call;
  call.path = match.parameters;
  call.query = parseUrlEncoded(query, "query");
  call.remoteAddress = remote;
  call.streamOver = [this, until = Clock::now() + options.streamLifetime] {
    return draining.load() || Clock::now() >= until;
  };
  call.secure = tls;
  std::optional<AuthAttempt> attempt;
  // The session cookie only when the request has no Authorization header.
  if (request.has("Authorization") && authenticate) attempt = parseAuthorization(request.get("Authorization"), remote);
  else if (authenticate) attempt = sessionAttempt(request, remote);
  if (route.authenticated && !attempt) throw UnauthorizedException(kUnauthorizedMessage);
  if (attempt) {
    try {
      call.caller = authenticate(*attempt);
    } catch (const UnauthorizedException&) {
      // A public route answers as to the public: a stale token must not keep a client from /login.
      if (route.authenticated) throw;
    } catch (const ForbiddenException&) {
      // A session without its CSRF token: likewise (signing in again must work).
      if (route.authenticated) throw;
    }
  }
  if (call.caller) {
    user = call.caller->name;
    if (attempt->scheme == AuthAttempt::Scheme::Token) call.bearerToken = attempt->secret;
    if (attempt->scheme == AuthAttempt::Scheme::Session) call.sessionCookie = attempt->secret;
    if (userLimiter)
      if (auto wait = userLimiter->admit(user)) return tooMany(*wait);
  }
  const std::string& method = request.getMethod();
  if (!body.empty() && (method == "POST" || method == "PUT" || method == "PATCH"))
    call.body = parseBody(body, request.getContentType(), !route.authenticated);
  for (const auto& [name, value] : request) {
    const std::string lower = Poco::toLower(name);
    if (lower != "authorization" && lower != "cookie") call.headers.emplace(name, value);
  }
  if (!call.caller) return route.handler(catalog, call);
  const ActorScope actor(*call.caller);  // the audit trail names the caller
  return route.handler(catalog, call);
}

void ApiServer::State::handle(HTTPServerRequest& request, HTTPServerResponse& response) {
  const auto started = Clock::now();
  ++inFlight;
  struct Done {
    std::atomic<int>& count;
    ~Done() { --count; }
  } done{inFlight};
  const std::string id = idPrefix + std::to_string(++requests);

  const std::string& uri = request.getURI();
  const std::size_t mark = uri.find('?');
  const std::string_view path = std::string_view(uri).substr(0, mark);
  const std::string_view query = mark == std::string::npos ? std::string_view() : std::string_view(uri).substr(mark + 1);
  const std::string_view base(kApiBasePath);
  if (options.staticFiles && path.substr(0, base.size() + 1) != std::string(base) + "/" && path != base) {
    if (draining || server->queuedConnections() > 0) response.setKeepAlive(false);
    response.set("X-Request-Id", id);
    int status = 500;
    try {
      status = options.staticFiles->serve(request, response);
    } catch (const std::exception& e) {  // the client went away
      logger().debug("request %s: answer not sent: %s", id, std::string(e.what()));
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    accessLog().information(escapeControls(request.getMethod()) + " " + loggableTarget(path, query) + " " +
                            std::to_string(status) + " " + std::to_string(ms) + " ms user=- request=" + id);
    return;
  }
  std::string user = "-";
  ResponseFormat format = ResponseFormat::Json;
  ApiResponse out;
  bool failed = false;
  try {
    out = serve(request, response, path, query, user, format);
  } catch (const std::exception& e) {
    out = errorResponse(e, id);
    failed = true;
  } catch (...) {
    out = errorResponse(std::runtime_error("unknown exception"), id);
    failed = true;
  }
  std::shared_ptr<void> streamTicket;  // holds the stream's place until it ends
  if (out.stream && !failed && out.status < 400) {
    const std::string client =
        user != "-" ? "user " + user : "address " + addressKey(request.clientAddress().host().toString());
    StreamGate::Admission admitted = streams->admit(client);
    if (admitted.ticket)
      streamTicket = std::move(admitted.ticket);
    else
      out = streamRefused(admitted.refused, options);
  }
  if (out.status >= 400) failed = true;
  // A page's fetch told WWW-Authenticate makes the browser ask for a password itself (the console shows its form).
  if (out.status == 401 && request.has("Sec-Fetch-Mode") && Poco::icompare(request.get("Sec-Fetch-Mode"), "navigate") != 0)
    out.headers.erase("WWW-Authenticate");
  // Others wait for a thread: this connection gives its thread up after the answer.
  if (draining || server->queuedConnections() > 0) response.setKeepAlive(false);

  try {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status),
                                Poco::Net::HTTPResponse::getReasonForStatus(
                                    static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status)));
    for (const auto& [name, value] : out.headers) response.set(headerValue(name), headerValue(value));
    response.set("X-Request-Id", id);
    if (out.stream && !failed) {
      response.setChunkedTransferEncoding(true);
      response.setContentType(out.contentType.empty() ? "text/event-stream" : out.contentType);
      response.set("Cache-Control", "no-cache");
      std::ostream& stream = response.send();
      out.stream(stream);
      stream.flush();
    } else if (out.raw && !failed) {
      response.setContentType(out.contentType.empty() ? "application/octet-stream" : out.contentType);
      response.sendBuffer(out.raw->data(), out.raw->size());
    } else {
      std::vector<std::pair<std::string, std::string>> links;
      if (format == ResponseFormat::Html && !failed) {
        const std::string stem(path.substr(0, path.size() - std::string_view(".html").size()));
        // A login's query holds the password: its links go without it.
        const bool login = path.find("/login") != std::string_view::npos;
        const std::string q = query.empty() || login ? "" : "?" + std::string(query);
        for (const char* f : {"json", "yaml", "xml"}) links.emplace_back(f, stem + "." + f + q);
      }
      const RenderedBody rendered = renderDocument(out.body, failed ? ResponseFormat::Json : format, links);
      response.setContentType(rendered.contentType);
      response.sendBuffer(rendered.text.data(), rendered.text.size());
    }
  } catch (const std::exception& e) {  // the client went away
    logger().debug("request %s: answer not sent: %s", id, std::string(e.what()));
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  accessLog().information(escapeControls(request.getMethod()) + " " + loggableTarget(path, query) + " " +
                          std::to_string(out.status) + " " + std::to_string(ms) + " ms user=" + escapeControls(user) +
                          " request=" + id);
}

ApiServer::ApiServer(Catalog& catalog, std::vector<ApiRoute> routes, Authenticator authenticate,
                     ApiServerOptions options)
    : _state(std::make_unique<State>(catalog, std::move(routes), std::move(authenticate), std::move(options))) {
  State& s = *_state;
  const ApiServerOptions& o = s.options;
  // A client that goes away mid-answer must fail the write, not end the
  // process (Poco sends without MSG_NOSIGNAL). Children get it back (ChildSpawn).
  std::signal(SIGPIPE, SIG_IGN);
  if (o.rateLimiting) {
    s.addressLimiter.emplace(o.rateLimit, o.rateWindow);
    s.userLimiter.emplace(o.rateLimit, o.rateWindow);
  }
  s.streams = std::make_unique<StreamGate>(static_cast<std::size_t>(std::max(0, o.maxStreams)),
                                           static_cast<std::size_t>(std::max(0, o.maxStreamsPerUser)));
  s.idPrefix = [] {
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%08x-", static_cast<unsigned>(std::random_device()()));
    return std::string(prefix);
  }();

  Poco::Net::ServerSocket socket;
  try {
    if (!o.tlsCertificate.empty() || !o.tlsKey.empty()) {
      Poco::Net::initializeSSL();
      s.tls = true;
      Poco::Net::Context::Ptr context;
      try {
        context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, o.tlsKey, o.tlsCertificate, "",
                                         Poco::Net::Context::VERIFY_NONE, 9, false, "HIGH:!aNULL:!MD5:!RC4");
      } catch (const Poco::Exception& e) {
        throw ConfigurationException("MULTIFLEXI_TLS_CERT, MULTIFLEXI_TLS_KEY: cannot be used: " +
                                     escapeControls(e.message()));
      }
      context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                                Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
      socket = Poco::Net::SecureServerSocket(context);
    }
    // Address reuse (a restart while old connections linger), never port
    // sharing: a second server on the same port must fail, not split the load.
    socket.bind(o.address, true, false);
    socket.listen(o.queue);
  } catch (const Poco::IOException& e) {  // also Poco::Net's errors
    throw ConfigurationException("MULTIFLEXI_LISTEN: cannot listen on " + o.address.toString() + ": " +
                                 escapeControls(e.displayText()));
  }
  s.bound = socket.address();
  s.socket = socket;

  Poco::Net::HTTPServerParams::Ptr params(new Poco::Net::HTTPServerParams);
  params->setMaxThreads(o.threads);
  params->setMaxQueued(o.queue);
  params->setTimeout(Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(o.timeout).count()));
  params->setKeepAlive(o.keepAlive.count() > 0);
  params->setKeepAliveTimeout(
      Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(o.keepAlive).count()));
  params->setMaxKeepAliveRequests(1000);
  s.pool = std::make_unique<Poco::ThreadPool>("multiflexi-http", 1, std::max(1, o.threads));
  s.server = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(s), *s.pool, socket, params);
  s.server->start();
}

ApiServer::~ApiServer() { stop(std::chrono::milliseconds(0)); }

Poco::Net::SocketAddress ApiServer::address() const { return _state->bound; }

bool ApiServer::secure() const { return _state->tls; }

std::string ApiServer::baseUrl() const {
  const auto& a = _state->bound;
  const std::string host =
      a.family() == Poco::Net::SocketAddress::IPv6 ? "[" + a.host().toString() + "]" : a.host().toString();
  return std::string(_state->tls ? "https" : "http") + "://" + host + ":" + std::to_string(a.port()) +
         kApiBasePath + "/";
}

int ApiServer::inFlight() const { return _state->inFlight; }

void ApiServer::stop(std::chrono::milliseconds grace) {
  State& s = *_state;
  std::lock_guard<std::mutex> lock(s.stopMutex);
  if (s.stopped) return;
  s.stopped = true;
  s.server->stop();  // no new connections
  s.socket.close();
  s.draining = true;
  const auto deadline = Clock::now() + grace;
  while (s.inFlight > 0 && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (s.inFlight > 0)
    logger().warning("%d requests still running after the shutdown grace; closing their connections",
                     static_cast<int>(s.inFlight));
  s.server->stopAll(true);  // closes idle keep-alive connections too
  const auto closing = Clock::now() + std::chrono::seconds(5);
  while (s.server->currentConnections() > 0 && Clock::now() < closing)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

}  // namespace MultiFlexi
