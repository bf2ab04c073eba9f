// The server in-process on a free loopback port with routes of the test's
// own: formats, errors, authentication, bodies and their bounds, rate
// limits, streams, and a stop that drains what is in flight.
#include <boost/test/unit_test.hpp>

#include "TempDir.h"
#include "catalog/Catalog.h"
#include "common/Exceptions.h"
#include "http/ApiServer.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <future>
#include <sstream>
#include <thread>

using namespace MultiFlexi;
using namespace std::chrono_literals;

namespace {

struct Reply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;
  OrderedJson json() const { return OrderedJson::parse(body); }
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

ApiRoute route(const std::string& method, const std::string& path, bool authenticated, ApiHandler handler) {
  return ApiRoute{method, path, true, authenticated, "test", std::move(handler)};
}

/// Answers what it was given.
ApiResponse echo(Catalog&, const ApiRequest& r) {
  ApiResponse out;
  out.body = OrderedJson::object();
  out.body["path"] = r.path;
  out.body["query"] = r.query;
  out.body["body"] = r.body ? *r.body : OrderedJson();
  out.body["caller"] = r.caller ? OrderedJson(r.caller->name) : OrderedJson();
  return out;
}

/// A stream that runs until it is told to end (at most 20 s).
ApiResponse watch(Catalog&, const ApiRequest& r) {
  ApiResponse out;
  out.stream = [over = r.streamOver](std::ostream& os) {
    const auto until = std::chrono::steady_clock::now() + 20s;
    while (os && !(over && over()) && std::chrono::steady_clock::now() < until) {
      os << "data: tick\n\n" << std::flush;
      std::this_thread::sleep_for(20ms);
    }
  };
  return out;
}

std::vector<ApiRoute> testRoutes() {
  return {
      route("GET", "/echo/{id}", false, echo),
      route("POST", "/echo/{id}", false, echo),
      route("GET", "/private", true, echo),
      route("GET", "/boom", false,
            [](Catalog&, const ApiRequest&) -> ApiResponse {
              throw std::runtime_error("SELECT secret FROM users; /var/lib/multiflexi/multiflexi.db");
            }),
      route("GET", "/invalid", false,
            [](Catalog&, const ApiRequest&) -> ApiResponse { throw ValidationException("limit", "not a number"); }),
      route("GET", "/slow", false,
            [](Catalog&, const ApiRequest&) {
              ApiResponse out;
              out.stream = [](std::ostream& os) {
                for (int i = 0; i < 6 && os; ++i) {
                  os << "data: " << i << "\n\n" << std::flush;
                  std::this_thread::sleep_for(100ms);
                }
              };
              return out;
            }),
      route("GET", "/watch", true, watch),
      route("GET", "/watch-public", false, watch),
      route("GET", "/raw", false,
            [](Catalog&, const ApiRequest&) {
              ApiResponse out;
              out.raw = std::string("a\0b", 3);
              out.contentType = "application/octet-stream";
              out.headers["X-Evil"] = "x\r\nSet-Cookie: a=b";
              return out;
            }),
  };
}

Caller authenticate(const AuthAttempt& attempt) {
  if (attempt.scheme == AuthAttempt::Scheme::Password && attempt.login == "alice" && attempt.secret == "right")
    return Caller{1, "alice", false, {}, {}};
  if (attempt.scheme == AuthAttempt::Scheme::Password && attempt.login == "bob" && attempt.secret == "right")
    return Caller{2, "bob", false, {}, {}};
  throw UnauthorizedException("wrong password for " + attempt.login);
}

struct ServerFixture {
  Testing::TempDir dir;
  std::unique_ptr<Catalog> catalog =
      Catalog::open(dir.file("multiflexi.db"), dir.file("multiflexi.key"), true, CatalogHost{});
  std::unique_ptr<ApiServer> server;

  explicit ServerFixture(ApiServerOptions options = defaults()) { start(std::move(options)); }
  static ApiServerOptions defaults() {
    ApiServerOptions o;
    o.address = Poco::Net::SocketAddress("127.0.0.1", 0);
    o.maxBody = 64 * 1024;
    o.threads = 4;
    o.timeout = 5s;
    return o;
  }
  void start(ApiServerOptions options) {
    server.reset();
    server = std::make_unique<ApiServer>(*catalog, testRoutes(), authenticate, std::move(options));
  }
  std::string path(const std::string& below) const { return std::string(kApiBasePath) + below; }

  Reply request(const std::string& method, const std::string& target, const std::string& body = "",
                const std::map<std::string, std::string>& headers = {}) const {
    Poco::Net::HTTPClientSession session(server->address());
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest req(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [n, v] : headers) req.set(n, v);
    if (!body.empty() || method == "POST") req.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(req) << body;
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    Reply out;
    out.status = res.getStatus();
    Poco::StreamCopier::copyToString(in, out.body);
    for (const auto& [n, v] : res) out.headers[n] = v;
    return out;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(api_server, ServerFixture)

BOOST_AUTO_TEST_CASE(routes_answer_in_the_format_asked_for) {
  Reply r = request("GET", path("/echo/5.json?limit=2&limit=9&q=a+b"));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.header("Content-Type") == "application/json");
  BOOST_TEST(r.json()["path"]["id"] == "5");
  BOOST_TEST(r.json()["query"]["limit"] == "2");
  BOOST_TEST(r.json()["query"]["q"] == "a b");
  BOOST_TEST(!r.header("X-Request-Id").empty());
  BOOST_TEST(request("GET", path("/echo/5.yaml")).header("Content-Type") == "application/yaml");
  BOOST_TEST(request("GET", path("/echo/5.xml")).body.find("<id>5</id>") != std::string::npos);
  r = request("GET", path("/echo/5.html?x=1"));
  BOOST_TEST(r.body.find("href=\"" + path("/echo/5.yaml?x=1") + "\"") != std::string::npos, r.body);
}

BOOST_AUTO_TEST_CASE(what_matches_no_route_is_a_json_error) {
  Reply r = request("GET", path("/echo/5.exe"));
  BOOST_TEST(r.status == 406);
  BOOST_TEST(r.json()["code"] == "not_acceptable");
  BOOST_TEST(r.json()["message"].get<std::string>().find("json, yaml, xml, html") != std::string::npos);
  r = request("GET", path("/nothing.json"));
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.json()["status"] == "error");
  BOOST_TEST(request("GET", "/etc/passwd").status == 404);
  BOOST_TEST(request("GET", path("/../../../etc/passwd")).status == 404);
  BOOST_TEST(request("GET", path("")).status == 404);
  r = request("DELETE", path("/echo/5.json"));
  BOOST_TEST(r.status == 405);
  BOOST_TEST(r.header("Allow") == "GET, POST");
  BOOST_TEST(request("GET", path("/echo/%zz.json")).status == 400);
}

BOOST_AUTO_TEST_CASE(handler_errors_carry_their_field_and_internal_ones_nothing) {
  Reply r = request("GET", path("/invalid.json"));
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.json()["field"] == "limit");
  BOOST_TEST(r.json()["message"] == "not a number");
  r = request("GET", path("/boom.json"));
  BOOST_TEST(r.status == 500);
  BOOST_TEST(r.json()["message"] == "internal error");
  BOOST_TEST(r.body.find("SELECT") == std::string::npos);
  BOOST_TEST(r.body.find("/var/lib") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_authenticated_route_needs_a_caller_and_every_401_is_alike) {
  const Reply none = request("GET", path("/private.json"));
  BOOST_TEST(none.status == 401);
  BOOST_TEST(none.header("WWW-Authenticate") == "Basic realm=\"MultiFlexi\"");
  const Reply wrong = request("GET", path("/private.json"), "", {{"Authorization", "Basic YWxpY2U6d3Jvbmc="}});
  const Reply malformed = request("GET", path("/private.json"), "", {{"Authorization", "Basic %%%"}});
  const Reply token = request("GET", path("/private.json"), "", {{"Authorization", "Bearer 1' OR '1'='1"}});
  for (const Reply* r : {&wrong, &malformed, &token}) {
    BOOST_TEST(r->status == 401);
    BOOST_TEST(r->body == none.body);
  }
  const Reply ok = request("GET", path("/private.json"), "", {{"Authorization", "Basic YWxpY2U6cmlnaHQ="}});
  BOOST_TEST(ok.status == 200);
  BOOST_TEST(ok.json()["caller"] == "alice");
}

BOOST_AUTO_TEST_CASE(json_and_form_bodies_are_parsed_hostile_ones_refused) {
  Reply r = request("POST", path("/echo/1.json"), R"({"a":[1,{"b":null}]})", {{"Content-Type", "application/json"}});
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.json()["body"]["a"][1]["b"].is_null());
  r = request("POST", path("/echo/1.json"), "username=a&password=p%26q&username=b",
              {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}});
  BOOST_TEST(r.json()["body"] == (OrderedJson{{"password", "p&q"}, {"username", "a"}}));
  r = request("POST", path("/echo/1.json"), "{\"a\": tru", {{"Content-Type", "application/json"}});
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.json()["field"] == "body");
  r = request("POST", path("/echo/1.json"), std::string(10000, '[') + std::string(10000, ']'));
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.json()["message"].get<std::string>().find("$[0][0]") == 0u, r.body);
  r = request("POST", path("/echo/1.json"), std::string("{\"a\":\"\0\"}", 9), {{"Content-Type", "application/json"}});
  BOOST_TEST(r.status == 400);  // a raw NUL is not JSON
  r = request("POST", path("/echo/1.json"), "<a/>", {{"Content-Type", "text/xml"}});
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.json()["field"] == "body");
  // A body on a route that takes none is ignored.
  r = request("GET", path("/echo/1.json"), "{not json");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.json()["body"].is_null());
}

BOOST_AUTO_TEST_CASE(a_body_over_the_limit_is_413_and_the_server_goes_on) {
  Reply r = request("POST", path("/echo/1.json"), std::string(64 * 1024 + 1, 'x'));
  BOOST_TEST(r.status == 413);
  BOOST_TEST(r.json()["field"] == "body");
  BOOST_TEST(request("POST", path("/echo/1.json"), std::string(2 << 20, ' ')).status == 413);
  BOOST_TEST(request("GET", path("/echo/1.json")).status == 200);
}

BOOST_AUTO_TEST_CASE(a_huge_header_is_refused) {
  Poco::Net::StreamSocket socket(server->address());
  socket.setReceiveTimeout(Poco::Timespan(5, 0));
  const std::string head = "GET " + path("/echo/1.json") + " HTTP/1.1\r\nHost: x\r\nX-Big: " +
                           std::string(100000, 'a') + "\r\n\r\n";
  try {
    socket.sendBytes(head.data(), static_cast<int>(head.size()));
  } catch (const Poco::Exception&) {  // the server may close before reading it all
  }
  char buffer[64] = {};
  int n = 0;
  try {
    n = socket.receiveBytes(buffer, sizeof buffer - 1);
  } catch (const Poco::Exception&) {
  }
  // Answered 400 or closed; never served.
  BOOST_TEST((n == 0 || std::string(buffer).rfind("HTTP/1.1 400", 0) == 0), buffer);
  BOOST_TEST(request("GET", path("/echo/1.json")).status == 200);
}

BOOST_AUTO_TEST_CASE(raw_answers_go_as_they_are_with_safe_headers) {
  const Reply r = request("GET", path("/raw.json"));
  BOOST_TEST(r.body == std::string("a\0b", 3));
  BOOST_TEST(r.header("Content-Type") == "application/octet-stream");
  BOOST_TEST(r.headers.count("Set-Cookie") == 0u);
}

BOOST_AUTO_TEST_CASE(stop_lets_a_request_in_flight_finish_and_takes_no_new_ones) {
  auto slow = std::async(std::launch::async, [this] { return request("GET", path("/slow.json")); });
  for (int i = 0; i < 100 && server->inFlight() == 0; ++i) std::this_thread::sleep_for(10ms);
  BOOST_REQUIRE(server->inFlight() == 1);
  const auto address = server->address();
  server->stop(5s);
  const Reply r = slow.get();
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.header("Content-Type") == "text/event-stream");
  BOOST_TEST(r.body.find("data: 5\n\n") != std::string::npos, r.body);
  BOOST_CHECK_THROW(Poco::Net::StreamSocket{address}, Poco::Exception);
}

BOOST_AUTO_TEST_CASE(stop_without_grace_cuts_a_stream_short) {
  auto slow = std::async(std::launch::async, [this]() -> std::string {
    try {
      return request("GET", path("/slow.json")).body;
    } catch (const Poco::Exception& e) {
      return "cut: " + e.displayText();
    }
  });
  for (int i = 0; i < 100 && server->inFlight() == 0; ++i) std::this_thread::sleep_for(10ms);
  server->stop(0ms);
  BOOST_TEST(slow.get().find("data: 5") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(over_the_rate_limit_is_429_with_retry_after) {
  ApiServerOptions o = defaults();
  o.rateLimit = 3;
  o.rateWindow = 60s;
  start(o);
  for (int i = 0; i < 3; ++i) BOOST_TEST(request("GET", path("/echo/1.json")).status == 200);
  const Reply r = request("GET", path("/echo/1.json"));
  BOOST_TEST(r.status == 429);
  BOOST_TEST(r.json()["code"] == "rate_limited");
  const int retry = std::stoi(r.header("Retry-After"));
  BOOST_TEST(retry >= 1);
  BOOST_TEST(retry <= 60);
  o.rateLimiting = false;
  start(o);
  for (int i = 0; i < 5; ++i) BOOST_TEST(request("GET", path("/echo/1.json")).status == 200);
}

const std::map<std::string, std::string> kAlice = {{"Authorization", "Basic YWxpY2U6cmlnaHQ="}};
const std::map<std::string, std::string> kBob = {{"Authorization", "Basic Ym9iOnJpZ2h0"}};

BOOST_AUTO_TEST_CASE(streams_beyond_their_caps_are_refused_and_stop_ends_them_at_once) {
  ApiServerOptions o = defaults();
  o.maxStreams = 2;
  o.maxStreamsPerUser = 1;
  start(o);
  const auto follow = [this](std::map<std::string, std::string> who) {
    return std::async(std::launch::async, [this, who] { return request("GET", path("/watch.json"), "", who); });
  };
  auto alice = follow(kAlice);
  for (int i = 0; i < 200 && server->inFlight() < 1; ++i) std::this_thread::sleep_for(10ms);
  Reply r = request("GET", path("/watch.json"), "", kAlice);  // alice's second
  BOOST_TEST(r.status == 429);
  BOOST_TEST(r.json()["code"] == "rate_limited");
  BOOST_TEST(r.header("Retry-After") == "5");
  BOOST_TEST(r.json()["message"].get<std::string>().find("MULTIFLEXI_HTTP_MAX_STREAMS_PER_USER") != std::string::npos);
  auto bob = follow(kBob);
  for (int i = 0; i < 200 && server->inFlight() < 2; ++i) std::this_thread::sleep_for(10ms);
  r = request("GET", path("/watch-public.json"));  // a client with none, but the server is full
  BOOST_TEST(r.status == 503);
  BOOST_TEST(r.json()["status"] == "error");
  BOOST_TEST(r.header("Retry-After") == "5");
  BOOST_TEST(request("GET", path("/echo/1.json")).status == 200);  // the rest is still answered
  const auto stopping = std::chrono::steady_clock::now();
  server->stop(10s);
  BOOST_TEST((std::chrono::steady_clock::now() - stopping < 3s));  // the streams ended, no waiting out the grace
  for (auto* stream : {&alice, &bob}) {
    const Reply done = stream->get();
    BOOST_TEST(done.status == 200);
    BOOST_TEST(done.body.find("data: tick\n\n") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_stream_ends_cleanly_when_its_lifetime_is_over_and_frees_its_place) {
  ApiServerOptions o = defaults();
  o.maxStreams = 1;
  o.maxStreamsPerUser = 1;
  o.streamLifetime = 300ms;
  start(o);
  for (int i = 0; i < 2; ++i) {
    const auto began = std::chrono::steady_clock::now();
    const Reply r = request("GET", path("/watch.json"), "", kAlice);
    const auto took = std::chrono::steady_clock::now() - began;
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body.find("data: tick") != std::string::npos);
    BOOST_TEST((took >= 250ms && took < 5s));
  }
}

BOOST_AUTO_TEST_CASE(a_keep_alive_connection_gives_its_thread_up_when_others_wait) {
  ApiServerOptions o = defaults();
  o.threads = 1;
  o.keepAlive = 8s;
  start(o);
  Poco::Net::HTTPClientSession first(server->address());
  first.setKeepAlive(true);
  const auto ask = [this](Poco::Net::HTTPClientSession& session) {
    Poco::Net::HTTPRequest req("GET", path("/echo/1.json"), Poco::Net::HTTPMessage::HTTP_1_1);
    req.setKeepAlive(true);
    session.sendRequest(req);
    Poco::Net::HTTPResponse res;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(res), body);
    return res;
  };
  BOOST_TEST(ask(first).getKeepAlive());  // nobody waits: the connection stays
  auto second = std::async(std::launch::async, [this] { return request("GET", path("/echo/2.json")); });
  std::this_thread::sleep_for(300ms);  // the second connection waits in the queue
  const Poco::Net::HTTPResponse answer = ask(first);
  BOOST_TEST(!answer.getKeepAlive());  // Connection: close, the thread goes to the waiting one
  BOOST_REQUIRE((second.wait_for(3s) == std::future_status::ready));
  BOOST_TEST(second.get().status == 200);
}

BOOST_AUTO_TEST_CASE(an_address_in_use_is_a_configuration_error_naming_the_setting) {
  ApiServerOptions o = defaults();
  o.address = server->address();
  BOOST_CHECK_EXCEPTION((void)std::make_unique<ApiServer>(*catalog, testRoutes(), authenticate, o),
                        ConfigurationException,
                        [](const ConfigurationException& e) {
                          return e.message().find("MULTIFLEXI_LISTEN") != std::string::npos;
                        });
}

BOOST_AUTO_TEST_SUITE_END()
