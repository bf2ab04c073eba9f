// Console sessions end to end through the real ApiServer with the real
// routes, catalog and authenticator on a loopback port: the cookie's sign-in
// and attributes (Secure under TLS), the cookie on other routes and on a
// follow stream, the CSRF header on changes, sign-out, expiry, Authorization
// winning over the cookie, no WWW-Authenticate for a page's fetch, the login
// throttle, and hostile cookies and bodies.
#define BOOST_TEST_MODULE session_routes
#include <boost/test/unit_test.hpp>

#include "ApiFixture.h"
#include "ChildProcess.h"
#include "HttpExchange.h"
#include "api/ApiRoutes.h"
#include "catalog/SecurityCatalog.h"
#include "catalog/UserCatalog.h"
#include "http/ApiServer.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/StreamSocket.h>

#include <sstream>

using namespace MultiFlexi;
using MultiFlexi::Testing::Reply;
using namespace std::chrono_literals;

namespace {

const std::string kBase = std::string(kApiBasePath);

std::string basic(const std::string& login, const std::string& password) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder << login << ':' << password;
  encoder.close();
  return "Basic " + out.str();
}

/// The cookie's value from a Set-Cookie header ("mfx_session=VALUE; ...").
std::string cookieValue(const Reply& r) {
  const std::string set = r.headers.count("Set-Cookie") ? r.headers.at("Set-Cookie") : "";
  const std::string prefix = "mfx_session=";
  if (set.rfind(prefix, 0) != 0) return "";
  return set.substr(prefix.size(), set.find(';') - prefix.size());
}

struct ServerFixture : Testing::ApiFixture {
  int64_t rootId = 0, aliceId = 0;
  std::unique_ptr<ApiServer> server;

  explicit ServerFixture(ApiServerOptions options = plain()) {
    rootId = user("root", true);
    aliceId = user("alice", false);
    catalog->users().assignRole(aliceId, acme, CompanyRole::Editor);
    catalog->users().assignRole(aliceId, beta, CompanyRole::Viewer);
    Catalog& c = *catalog;
    server = std::make_unique<ApiServer>(
        c, apiRoutes(ApiEnvironment{}), [&c](const AuthAttempt& a) { return c.users().authenticate(a); },
        std::move(options));
  }
  static ApiServerOptions plain() {
    ApiServerOptions o;
    o.address = Poco::Net::SocketAddress("127.0.0.1", 0);
    o.threads = 4;
    o.rateLimiting = false;
    o.keepAlive = 0ms;
    o.streamLifetime = 300ms;
    return o;
  }
  int64_t user(const std::string& login, bool admin) {
    UserChanges u;
    u.login = login;
    u.password = "password1";
    u.admin = admin;
    return catalog->users().create(u).id;
  }

  Reply ask(const std::string& method, const std::string& path, const std::map<std::string, std::string>& headers = {},
            const std::string& body = "") {
    Poco::Net::HTTPClientSession session("127.0.0.1", server->address().port());
    return Testing::exchange(session, method, kBase + path, body, headers);
  }
  Reply signIn(const std::string& login, const std::string& password = "password1") {
    return ask("POST", "/session", {{"Content-Type", "application/json"}},
               OrderedJson{{"username", login}, {"password", password}}.dump());
  }
  /// Headers of a request signed in by the cookie (with the CSRF token when given).
  static std::map<std::string, std::string> cookie(const std::string& value, const std::string& csrf = "") {
    std::map<std::string, std::string> h{{"Cookie", "mfx_session=" + value}, {"Content-Type", "application/json"}};
    if (!csrf.empty()) h["X-CSRF-Token"] = csrf;
    return h;
  }
  /// Bytes as sent, for what a client library will not send.
  std::string raw(const std::string& bytes) {
    Poco::Net::StreamSocket socket(server->address());
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    std::string answer;
    char buffer[4096];
    try {  // the server may answer and close before it read all (a header too long): reset
      socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
      socket.shutdownSend();
      for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
    } catch (const Poco::Exception&) {  // what came is the answer
    }
    return answer;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(session_routes, ServerFixture)

BOOST_AUTO_TEST_CASE(a_cookie_signs_in_reads_changes_with_its_csrf_token_and_signs_out) {
  const Reply in = signIn("alice");
  BOOST_TEST_REQUIRE(in.status == 201, in.body);
  const std::string value = cookieValue(in);
  BOOST_TEST_REQUIRE(value.size() == 43u);
  BOOST_TEST(in.headers.at("Set-Cookie") == "mfx_session=" + value + "; Path=/; HttpOnly; SameSite=Strict");
  BOOST_TEST(in.headers.at("Cache-Control") == "no-store");
  const OrderedJson body = OrderedJson::parse(in.body);
  BOOST_TEST(body["user"]["id"] == aliceId);
  BOOST_TEST(body["user"]["login"] == "alice");
  BOOST_TEST(body["user"]["admin"] == false);
  BOOST_TEST(body["roles"] == (OrderedJson{{std::to_string(acme), "editor"}, {std::to_string(beta), "viewer"}}));
  BOOST_TEST(body["idle_timeout"] == 1800);
  BOOST_TEST(body["expires_at"] == formatInstant(catalog->users().sessions().find(value)->expiresAt));
  BOOST_TEST(body["expires_at"].get<std::string>().size() == 24u);  // 2026-12-07T23:00:00.000Z, as every instant of the API
  const std::string csrf = body["csrf_token"];
  BOOST_TEST(csrf.size() == 43u);
  BOOST_TEST(in.body.find(value) == std::string::npos);  // the value is in the cookie only

  Reply r = ask("GET", "/session", cookie(value));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(OrderedJson::parse(r.body) == body);
  r = ask("GET", "/company/" + std::to_string(acme), cookie(value));
  BOOST_TEST(r.status == 200, r.body);
  r = ask("GET", "/company/" + std::to_string(acme) + ".json", cookie(value));
  BOOST_TEST(r.status == 200, r.body);

  // A change: the CSRF header or 403 naming it, changing nothing.
  const std::string change = OrderedJson{{"name", "Acme renamed"}}.dump();
  const std::string changeAcme = "/company/?companyId=" + std::to_string(acme);
  for (const std::string& wrong : {std::string(), std::string("x"), csrf.substr(1), csrf + "A"}) {
    r = ask("POST", changeAcme, cookie(value, wrong), change);
    BOOST_TEST(r.status == 403, r.body);
    BOOST_TEST(OrderedJson::parse(r.body)["field"] == "X-CSRF-Token");
    BOOST_TEST(OrderedJson::parse(r.body)["code"] == "forbidden");
  }
  BOOST_TEST(ask("GET", "/company/" + std::to_string(acme), cookie(value)).body.find("Acme renamed") ==
             std::string::npos);
  r = ask("POST", changeAcme, cookie(value, csrf), change);
  BOOST_TEST(r.status == 201, r.body);
  BOOST_TEST(r.body.find("Acme renamed") != std::string::npos);

  // Sign-out needs the header too; then the cookie is cleared and dead.
  r = ask("DELETE", "/session", cookie(value));
  BOOST_TEST(r.status == 403, r.body);
  BOOST_TEST(ask("GET", "/session", cookie(value)).status == 200);
  r = ask("DELETE", "/session", cookie(value, csrf));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(OrderedJson::parse(r.body) == (OrderedJson{{"status", "success"}, {"message", "Logged out"}}));
  BOOST_TEST(r.headers.at("Set-Cookie") == "mfx_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  r = ask("GET", "/session", cookie(value));
  BOOST_TEST(r.status == 401);
  BOOST_TEST(ask("DELETE", "/session", cookie(value, csrf)).status == 401);
}

BOOST_AUTO_TEST_CASE(only_this_servers_pages_sign_in_and_wrong_passwords_meet_the_login_throttle) {
  // Login CSRF: a form (what another site can send unasked) and a cross-site fetch are refused.
  Reply r = ask("POST", "/session", {{"Content-Type", "application/x-www-form-urlencoded"}},
                "username=root&password=password1");
  BOOST_TEST(r.status == 400, r.body);
  BOOST_TEST(r.headers.count("Set-Cookie") == 0u);
  r = ask("POST", "/session", {{"Content-Type", "text/plain"}}, R"({"username":"root","password":"password1"})");
  BOOST_TEST(r.status == 400, r.body);
  for (const char* site : {"cross-site", "same-site"}) {
    r = ask("POST", "/session", {{"Content-Type", "application/json"}, {"Sec-Fetch-Site", site}},
            R"({"username":"root","password":"password1"})");
    BOOST_TEST(r.status == 403, r.body);
    BOOST_TEST(OrderedJson::parse(r.body)["field"] == "Sec-Fetch-Site");
    BOOST_TEST(r.headers.count("Set-Cookie") == 0u);
  }
  r = ask("POST", "/session", {{"Content-Type", "application/json; charset=utf-8"}, {"Sec-Fetch-Site", "same-origin"}},
          R"({"username":"root","password":"password1"})");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  BOOST_TEST(OrderedJson::parse(r.body)["user"]["admin"] == true);
  BOOST_TEST(OrderedJson::parse(r.body)["roles"] == OrderedJson::object());
  BOOST_TEST(r.headers.count("WWW-Authenticate") == 0u);

  // Failures on /login and /session count together (on a stopped clock: a loaded machine cannot outwait the delay).
  clockNow = nowMs();
  for (int i = 0; i < 3; ++i) BOOST_TEST(signIn("alice", "wrong-password").status == 401);
  for (int i = 0; i < 2; ++i)
    BOOST_TEST(ask("POST", "/login", {{"Content-Type", "application/json"}},
                   R"({"username":"alice","password":"wrong-password"})")
                   .status == 401);
  r = signIn("alice");  // the right password, throttled now
  BOOST_TEST(r.status == 401, r.body);
  BOOST_TEST(cookieValue(r).empty());
  BOOST_TEST(r.headers.count("Set-Cookie") == 0u);

  const auto trail = catalog->security().auditTrail(50);
  int created = 0;
  for (const AuditEvent& e : trail)
    if (e.action == "session.create") {
      ++created;
      BOOST_TEST(e.actor == "root");
    }
  BOOST_TEST(created == 1);
}

BOOST_AUTO_TEST_CASE(an_expired_session_is_401_and_the_console_signs_in_again) {
  const Reply in = signIn("alice");
  const std::string value = cookieValue(in);
  const std::string csrf = OrderedJson::parse(in.body)["csrf_token"];
  clockNow = nowMs() + 31 * 60'000;  // idle past MULTIFLEXI_SESSION_IDLE
  const auto audited = catalog->security().auditTrail(100).size();
  const auto failed = catalog->users().failedAttempts();
  Reply r = ask("GET", "/session", cookie(value));
  BOOST_TEST(r.status == 401);
  BOOST_TEST(OrderedJson::parse(r.body)["code"] == "unauthorized");
  // A stale cookie comes with every request of a browser: counted, not audited.
  BOOST_TEST(catalog->users().failedAttempts() == failed + 1);
  BOOST_TEST(catalog->security().auditTrail(100).size() == audited);
  // A public route answers as to the public: signing in again works with the stale cookie (and no CSRF header).
  r = ask("POST", "/session",
          {{"Cookie", "mfx_session=" + value}, {"Content-Type", "application/json"}},
          R"({"username":"alice","password":"password1"})");
  BOOST_TEST(r.status == 201, r.body);
  // So does it with a live cookie and no CSRF header.
  r = ask("POST", "/session", cookie(cookieValue(r)), R"({"username":"alice","password":"password1"})");
  BOOST_TEST(r.status == 201, r.body);
}

BOOST_AUTO_TEST_CASE(authorization_wins_over_the_cookie) {
  const Reply in = signIn("alice");
  const std::string value = cookieValue(in);
  auto headers = cookie(value);
  headers["Authorization"] = basic("root", "password1");
  Reply r = ask("GET", "/session", headers);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  const OrderedJson body = OrderedJson::parse(r.body);
  BOOST_TEST(body["user"]["login"] == "root");
  BOOST_TEST(body["csrf_token"].is_null());  // signed in otherwise: no session to describe
  BOOST_TEST(body["expires_at"].is_null());
  // A change authorized by the header needs no CSRF token ...
  r = ask("POST", "/company/", headers, OrderedJson{{"name", "Gamma"}, {"slug", "gamma"}}.dump());
  BOOST_TEST(r.status == 201, r.body);
  // ... and DELETE /session has no session of this request to end.
  r = ask("DELETE", "/session", headers);
  BOOST_TEST(r.status == 400, r.body);
  BOOST_TEST(OrderedJson::parse(r.body)["field"] == "mfx_session");
  BOOST_TEST(ask("GET", "/session", cookie(value)).status == 200);
  // Wrong credentials in the header are not rescued by a good cookie.
  headers["Authorization"] = basic("root", "wrong-password");
  BOOST_TEST(ask("GET", "/session", headers).status == 401);
  headers["Authorization"] = "Bearer not-a-token";
  BOOST_TEST(ask("GET", "/session", headers).status == 401);
}

BOOST_AUTO_TEST_CASE(a_401_to_a_pages_fetch_carries_no_www_authenticate) {
  Reply r = ask("GET", "/session");
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.headers.count("WWW-Authenticate") == 1u);
  for (const char* mode : {"cors", "same-origin", "no-cors", "websocket", "CORS", ""}) {
    r = ask("GET", "/session", {{"Sec-Fetch-Mode", mode}});
    BOOST_TEST(r.status == 401);
    BOOST_TEST(r.headers.count("WWW-Authenticate") == 0u, mode);
  }
  r = ask("GET", "/jobs", {{"Sec-Fetch-Mode", "cors"}, {"Cookie", "mfx_session=" + std::string(43, 'A')}});
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.headers.count("WWW-Authenticate") == 0u);
  r = ask("GET", "/session", {{"Sec-Fetch-Mode", "navigate"}});
  BOOST_TEST(r.headers.count("WWW-Authenticate") == 1u);
}

BOOST_AUTO_TEST_CASE(a_follow_stream_takes_the_cookie) {
  const std::string value = cookieValue(signIn("alice"));
  Poco::Net::HTTPClientSession session("127.0.0.1", server->address().port());
  const Reply r = Testing::exchange(session, "GET", kBase + "/job/" + std::to_string(acmeJob) + "/follow", "",
                                    {{"Cookie", "mfx_session=" + value}, {"Accept", "text/event-stream"}});
  BOOST_TEST(r.status == 200, r.body);
  BOOST_TEST(r.headers.at("Content-Type").find("text/event-stream") == 0u);
  BOOST_TEST(ask("GET", "/job/" + std::to_string(acmeJob) + "/follow").status == 401);  // the cookie made the difference
}

BOOST_AUTO_TEST_CASE(hostile_cookies_sign_nobody_in_and_the_server_stays_up) {
  const Reply alice = signIn("alice");
  const std::string value = cookieValue(alice);
  const std::string aliceCsrf = OrderedJson::parse(alice.body)["csrf_token"];
  const Reply root = signIn("root");
  const std::string rootValue = cookieValue(root);
  const std::string rootCsrf = OrderedJson::parse(root.body)["csrf_token"];

  // Garbage, base64 that is not a session, another's hash, SQL: 401.
  for (const std::string& bad :
       {std::string("x"), std::string(43, 'A'), value.substr(1), value + "A", std::string("' OR '1'='1"),
        std::string("%00") + value, value.substr(0, 40) + "===", std::string(4000, 'a')}) {
    const Reply r = ask("GET", "/session", {{"Cookie", "mfx_session=" + bad}});
    BOOST_TEST(r.status == 401, bad.substr(0, 50));
  }
  // Two session cookies, even one of them good: ambiguous, 401.
  BOOST_TEST(ask("GET", "/session", {{"Cookie", "mfx_session=" + value + "; mfx_session=" + std::string(43, 'B')}})
                 .status == 401);
  BOOST_TEST(ask("GET", "/session", {{"Cookie", "mfx_session=" + value + "; mfx_session=" + rootValue}}).status ==
             401);
  // Many other cookies around the good one: fine.
  std::string many;
  for (int i = 0; i < 300; ++i) many += "c" + std::to_string(i) + "=v; ";
  Reply r = ask("GET", "/session", {{"Cookie", many + "mfx_session=" + value}});
  BOOST_TEST(r.status == 200, r.body);
  // A header beyond what the server reads: 400, no crash.
  const std::string tooLong = raw("GET " + kBase + "/session HTTP/1.1\r\nHost: x\r\nCookie: mfx_session=" +
                                  std::string(100'000, 'a') + "\r\nConnection: close\r\n\r\n");
  BOOST_TEST((tooLong.empty() || tooLong.rfind("HTTP/1.1 400", 0) == 0), tooLong.substr(0, 40));
  // A NUL byte inside the cookie: nobody.
  std::string nul = "GET " + kBase + "/session HTTP/1.1\r\nHost: x\r\nCookie: mfx_session=" + value.substr(0, 20) +
                    std::string(1, '\0') + value.substr(21) + "\r\nConnection: close\r\n\r\n";
  const std::string answer = raw(nul);
  BOOST_TEST((answer.rfind("HTTP/1.1 401", 0) == 0 || answer.rfind("HTTP/1.1 400", 0) == 0), answer.substr(0, 40));
  // Another user's CSRF token, or the cookie's value as its token: 403, nothing changed.
  const std::string change = OrderedJson{{"name", "Hijacked"}}.dump();
  const std::string changeAcme = "/company/?companyId=" + std::to_string(acme);
  for (const std::string& csrf : {rootCsrf, value, aliceCsrf.substr(0, 42) + std::string(1, '\0')}) {
    auto headers = cookie(value);
    headers["X-CSRF-Token"] = csrf;
    r = ask("POST", changeAcme, headers, change);
    BOOST_TEST((r.status == 403 || (r.status == 400 && csrf.back() == '\0')), r.status << " " << r.body);
  }
  // A cookie in the wrong case, or a form body to a cookie-authenticated route: nobody / refused.
  BOOST_TEST(ask("GET", "/session", {{"Cookie", "MFX_SESSION=" + value}}).status == 401);
  r = ask("POST", changeAcme,
          {{"Cookie", "mfx_session=" + value}, {"X-CSRF-Token", aliceCsrf},
           {"Content-Type", "application/x-www-form-urlencoded"}},
          "name=Hijacked");
  BOOST_TEST(r.status == 400, r.body);
  BOOST_TEST(ask("GET", "/company/" + std::to_string(acme), cookie(value)).body.find("Hijacked") ==
             std::string::npos);
  // Hostile sign-in bodies.
  for (const std::string& body :
       {std::string(), std::string("[]"), std::string("{\"username\":1,\"password\":\"x\"}"),
        std::string("{\"username\":\"alice\"}"), std::string("{\"username\":\"alice\",\"password\":\"\"}"),
        std::string("{\"username\":\"alice\",\"password\":\"password1\",\"admin\":true}"),
        std::string("{\"username\":\"alice\\u0000\",\"password\":\"password1\"}"), std::string("{")}) {
    r = ask("POST", "/session", {{"Content-Type", "application/json"}}, body);
    BOOST_TEST((r.status == 400 || r.status == 401), body << " -> " << r.status << " " << r.body);
    BOOST_TEST(r.headers.count("Set-Cookie") == 0u, body);
  }
  BOOST_TEST(ask("GET", "/session", cookie(value)).status == 200);  // still up, still signed in
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct TlsFixture {
  Testing::TempDir certs;
  std::string cert = certs.file("cert.pem"), key = certs.file("key.pem");
  TlsFixture() {
    const Testing::ProcessResult made = Testing::run(
        "/usr/bin/openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days",
                             "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    BOOST_REQUIRE_MESSAGE(made.exitCode == 0, made.err);
  }
  ApiServerOptions options() const {
    ApiServerOptions o = ServerFixture::plain();
    o.tlsCertificate = cert;
    o.tlsKey = key;
    return o;
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(under_tls_the_cookie_is_secure) {
  TlsFixture tls;
  ServerFixture fixture(tls.options());
  Poco::Net::initializeSSL();
  {
    Poco::Net::Context::Ptr context(new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", tls.cert,
                                                           Poco::Net::Context::VERIFY_STRICT));
    const auto https = [&](const std::string& method, const std::string& path,
                           const std::map<std::string, std::string>& headers, const std::string& body = "") {
      Poco::Net::HTTPSClientSession session("127.0.0.1", fixture.server->address().port(), context);
      return Testing::exchange(session, method, kBase + path, body, headers);
    };
    Reply r = https("POST", "/session", {{"Content-Type", "application/json"}},
                    R"({"username":"alice","password":"password1"})");
    BOOST_TEST_REQUIRE(r.status == 201, r.body);
    const std::string value = cookieValue(r);
    const std::string csrf = OrderedJson::parse(r.body)["csrf_token"];
    BOOST_TEST(r.headers.at("Set-Cookie") == "mfx_session=" + value + "; Path=/; HttpOnly; SameSite=Strict; Secure");
    BOOST_TEST(https("GET", "/session", {{"Cookie", "mfx_session=" + value}}).status == 200);
    r = https("DELETE", "/session", {{"Cookie", "mfx_session=" + value}, {"X-CSRF-Token", csrf}});
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.headers.at("Set-Cookie") == "mfx_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure");
  }
  Poco::Net::uninitializeSSL();
}
