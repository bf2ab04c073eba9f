// `multiflexi server` and `multiflexi up` as an operator runs them, on a
// free loopback port: ping over HTTP and HTTPS, the bounds (body, header),
// a plain client on the TLS port, SIGTERM draining a request in flight, a
// request log that never shows a password, and job follow streams within
// their caps and lifetime.
#define BOOST_TEST_MODULE http_server
#include <boost/test/unit_test.hpp>

#include "ChildProcess.h"
#include "HttpExchange.h"
#include "CliStore.h"
#include "TempDir.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <signal.h>

using MultiFlexi::Testing::ChildProcess;
using MultiFlexi::Testing::ProcessResult;
using MultiFlexi::Testing::Reply;
using MultiFlexi::Testing::exchange;
using MultiFlexi::Testing::freePort;
using Json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kBase = "/api/VitexSoftware/MultiFlexi/1.0.0/";

/// What comes back on a raw connection for `bytes` (empty when closed).
std::string raw(Poco::UInt16 port, const std::string& bytes) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(5, 0));
  try {
    socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
  } catch (const Poco::Exception&) {  // closed before it read everything
  }
  std::string out;
  char buffer[4096];
  try {
    for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  } catch (const Poco::Exception&) {
  }
  return out;
}

struct ServerFixture : MultiFlexi::Testing::CliStore {
  Poco::UInt16 port = freePort();

  std::unique_ptr<ChildProcess> start(const std::string& command, std::map<std::string, std::string> extra = {}) {
    auto e = env;
    e["MULTIFLEXI_LISTEN"] = "127.0.0.1:" + std::to_string(port);
    e["MULTIFLEXI_SHUTDOWN_GRACE"] = "10";
    for (auto& [k, v] : extra) e[k] = v;
    auto child = std::make_unique<ChildProcess>(MFX_BINARY, withData({command, "-v"}), e);
    BOOST_REQUIRE(child->waitForOutput(command == "server" ? "listening on" : "the API:", 15s));
    return child;
  }
  Reply get(const std::string& below) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    return exchange(session, "GET", kBase + below);
  }
};

/// A GET held open on a raw connection: its status line and headers are read
/// at once, the rest (a stream's events) when it closes.
struct OpenRequest {
  Poco::Net::StreamSocket socket;
  std::string head;
  OpenRequest(Poco::UInt16 port, const std::string& target, const std::string& token)
      : socket(Poco::Net::SocketAddress("127.0.0.1", port)) {
    socket.setReceiveTimeout(Poco::Timespan(20, 0));
    const std::string request =
        "GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n";
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && socket.receiveBytes(&c, 1) == 1) head += c;
  }
  int status() const { return head.size() > 12 ? std::stoi(head.substr(9, 3)) : 0; }
  /// Everything after the head, until the server closes the connection.
  std::string rest() {
    std::string body;
    char buffer[4096];
    try {
      for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;)
        body.append(buffer, static_cast<std::size_t>(n));
    } catch (const Poco::Exception& e) {
      body += "[" + e.displayText() + "]";
    }
    return body;
  }
};

/// Writing to a connection the server closed must fail, not end the test.
struct IgnoreSigpipe {
  IgnoreSigpipe() { ::signal(SIGPIPE, SIG_IGN); }
};
BOOST_TEST_GLOBAL_FIXTURE(IgnoreSigpipe);

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_server, ServerFixture)

BOOST_AUTO_TEST_CASE(server_answers_ping_and_survives_hostile_requests) {
  auto server = start("server");
  Reply r = get("ping.json");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(Json::parse(r.body) == Json::parse(R"([{"ping":"pong"}])"));
  r = get("index.json");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.body.find(kBase + "ping.json") != std::string::npos);
  BOOST_TEST(get("ping.yaml").body.find("ping: \"pong\"") != std::string::npos);
  r = get("ping.exe");
  BOOST_TEST(r.status == 406);
  BOOST_TEST(Json::parse(r.body)["status"] == "error");

  {  // 10 MB body: 413, and the server answers the next request
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    r = exchange(session, "POST", kBase + "ping.json", std::string(10 << 20, 'x'));
    BOOST_TEST(r.status == 413);
    BOOST_TEST(Json::parse(r.body)["field"] == "body");
  }
  BOOST_TEST(get("ping.json").status == 200);

  // A huge header: 400 (or the connection closed), never an answer of a route.
  const std::string answer =
      raw(port, "GET " + kBase + "ping.json HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(1 << 20, 'a') + "\r\n\r\n");
  BOOST_TEST((answer.empty() || answer.rfind("HTTP/1.1 400", 0) == 0), answer.substr(0, 80));
  const std::string manyHeaders = [] {
    std::string h;
    for (int i = 0; i < 500; ++i) h += "X-" + std::to_string(i) + ": v\r\n";
    return h;
  }();
  const std::string many = raw(port, "GET " + kBase + "ping.json HTTP/1.1\r\nHost: x\r\n" + manyHeaders + "\r\n");
  BOOST_TEST((many.empty() || many.rfind("HTTP/1.1 400", 0) == 0), many.substr(0, 80));
  BOOST_TEST(get("ping.json").status == 200);

  // MultiFlexi's login query: the log shows neither the query nor the password.
  r = get("login.json?username=a&password=SECRET");
  BOOST_TEST((r.status == 404 || r.status == 401));
  server->signal(SIGTERM);
  const ProcessResult done = server->wait();
  BOOST_TEST(done.exitCode == 0);
  BOOST_TEST(done.err.find("SECRET") == std::string::npos);
  BOOST_TEST(done.err.find("GET " + kBase + "login.json " + std::to_string(r.status) + " ") != std::string::npos,
             done.err);
  BOOST_TEST(done.err.find("GET " + kBase + "ping.json 200 ") != std::string::npos);
  BOOST_TEST(done.err.find("user=- request=") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(server_serves_the_web_console_from_its_web_root) {
  const std::filesystem::path web = data.path() / "web";
  std::filesystem::create_directories(web / "js");
  std::ofstream(web / "index.html") << "<!doctype html><title>console</title>";
  std::ofstream(web / "js" / "app.js") << "export {};";
  std::ofstream(data.path() / "secret.txt") << "SECRET";
  std::filesystem::create_symlink(data.path() / "secret.txt", web / "leak.txt");
  auto server = start("server", {{"MULTIFLEXI_WEB_ROOT", web.string()}});
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  Reply r = exchange(session, "GET", "/");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.body == "<!doctype html><title>console</title>");
  BOOST_TEST(r.headers["Content-Type"] == "text/html; charset=utf-8");
  BOOST_TEST(r.headers["X-Content-Type-Options"] == "nosniff");
  BOOST_TEST(r.headers["Content-Security-Policy"].find("frame-ancestors 'none'") != std::string::npos);
  r = exchange(session, "GET", "/js/app.js", "", {{"If-None-Match", r.headers["ETag"]}});
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.headers["Content-Type"] == "text/javascript; charset=utf-8");
  BOOST_TEST(exchange(session, "GET", "/js/app.js", "", {{"If-None-Match", r.headers["ETag"]}}).status == 304);
  for (const std::string path : {"/leak.txt", "/../secret.txt", "/%2e%2e/secret.txt", "/js%2Fapp.js"})
    BOOST_TEST(exchange(session, "GET", path).status == 404, path);
  BOOST_TEST(exchange(session, "POST", "/", "x").status == 405);
  BOOST_TEST(get("ping.json").status == 200);  // the API beside it
  server->signal(SIGTERM);
  const ProcessResult done = server->wait();
  BOOST_TEST(done.exitCode == 0);
  BOOST_TEST(done.err.find("GET /js/app.js 304 ") != std::string::npos, done.err);
  BOOST_TEST(done.err.find("SECRET") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(sigterm_drains_a_request_in_flight) {
  auto server = start("server");
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(15, 0));
  // The request's headers and half its body: the server is inside it.
  const std::string head = "GET " + kBase + "ping.json HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345";
  socket.sendBytes(head.data(), static_cast<int>(head.size()));
  std::this_thread::sleep_for(300ms);
  server->signal(SIGTERM);
  std::this_thread::sleep_for(500ms);
  BOOST_CHECK_THROW(Poco::Net::StreamSocket(Poco::Net::SocketAddress("127.0.0.1", port)), Poco::Exception);
  socket.sendBytes("67890", 5);
  std::string answer;
  char buffer[4096];
  for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  BOOST_TEST(answer.rfind("HTTP/1.1 200", 0) == 0, answer);
  BOOST_TEST(answer.find("pong") != std::string::npos);
  BOOST_TEST(server->wait().exitCode == 0);
}

BOOST_AUTO_TEST_CASE(tls_serves_https_and_refuses_plain_http) {
  MultiFlexi::Testing::TempDir certs;
  const std::string cert = certs.file("cert.pem"), key = certs.file("key.pem");
  const ProcessResult made = MultiFlexi::Testing::run(
      "/usr/bin/openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                           "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
  BOOST_REQUIRE_MESSAGE(made.exitCode == 0, made.err);
  auto server = start("server", {{"MULTIFLEXI_TLS_CERT", cert}, {"MULTIFLEXI_TLS_KEY", key}});

  Poco::Net::initializeSSL();
  {
    Poco::Net::Context::Ptr context(
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", cert, Poco::Net::Context::VERIFY_STRICT));
    Poco::Net::HTTPSClientSession session("127.0.0.1", port, context);
    const Reply r = exchange(session, "GET", kBase + "ping.json");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body.find("pong") != std::string::npos);
  }
  Poco::Net::uninitializeSSL();
  const std::string plain = raw(port, "GET " + kBase + "ping.json HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(plain.find("HTTP/") == std::string::npos, plain.substr(0, 80));
  BOOST_TEST(plain.find("pong") == std::string::npos);
  server->signal(SIGTERM);
  BOOST_TEST(server->wait().exitCode == 0);
}

BOOST_AUTO_TEST_CASE(bad_settings_stop_the_server_naming_the_variable) {
  auto e = env;
  e["MULTIFLEXI_LISTEN"] = "127.0.0.1";
  ProcessResult r = MultiFlexi::Testing::run(MFX_BINARY, withData({"server"}), e);
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("MULTIFLEXI_LISTEN") != std::string::npos, r.err);
  e["MULTIFLEXI_LISTEN"] = "127.0.0.1:" + std::to_string(port);
  e["MULTIFLEXI_TLS_CERT"] = "/nonexistent/cert.pem";
  r = MultiFlexi::Testing::run(MFX_BINARY, withData({"server"}), e);
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("MULTIFLEXI_TLS_KEY") != std::string::npos, r.err);
  e["MULTIFLEXI_TLS_KEY"] = "/nonexistent/key.pem";
  r = MultiFlexi::Testing::run(MFX_BINARY, withData({"server"}), e);
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("MULTIFLEXI_TLS_CERT") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(up_serves_the_api_beside_the_daemons_unless_listen_is_off) {
  auto up = start("up");
  BOOST_TEST(get("ping.json").status == 200);
  up->signal(SIGTERM);
  BOOST_TEST(up->wait().exitCode == 0);

  auto e = env;  // MULTIFLEXI_LISTEN=off
  ChildProcess quiet(MFX_BINARY, withData({"up"}), e);
  BOOST_REQUIRE(quiet.waitForOutput("multiflexi up:", 15s));
  std::this_thread::sleep_for(200ms);
  BOOST_CHECK_THROW(get("ping.json"), Poco::Exception);
  quiet.signal(SIGTERM);
  const ProcessResult done = quiet.wait();
  BOOST_TEST(done.exitCode == 0);
  BOOST_TEST(done.out.find("the API:") == std::string::npos);
}

/// A pending job (nothing runs it under `server`) and two users' tokens.
struct FollowFixture : ServerFixture {
  std::string rootToken, aliceToken, jobPath;
  FollowFixture() {
    Json manifest = Json::parse(std::ifstream(MultiFlexi::Testing::appsDir() +
                                              "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json"));
    manifest["executable"] = "/bin/true";
    const std::string file = data.file("probe.multiflexi.app.json");
    std::ofstream(file) << manifest.dump();
    const std::string app = std::to_string(json({"application:import-json", "--file", file})[0]["id"].get<int64_t>());
    json({"company:create", "--name", "Alpha", "--slug", "alpha"});
    const int64_t tpl = json({"run-template:create", "--name", "a", "--app_id", app, "--company", "alpha",
                              "--interv", "n"})["id"];
    const int64_t job = json({"run-template:schedule", "--id", std::to_string(tpl)})["job_id"];
    json({"user:create", "--login", "root", "--admin", "--password", "root-password"});
    json({"user:create", "--login", "alice", "--password", "alice-password"});
    json({"user-company:assign", "--user", "alice", "--company", "alpha", "--role", "viewer"});
    rootToken = json({"token:create", "--user", "root"})["token"];
    aliceToken = json({"token:create", "--user", "alice"})["token"];
    jobPath = kBase + "job/" + std::to_string(job);
  }
};

BOOST_FIXTURE_TEST_CASE(follow_streams_are_capped_and_end_on_sigterm, FollowFixture) {
  auto server = start("server", {{"MULTIFLEXI_HTTP_THREADS", "4"},
                                 {"MULTIFLEXI_HTTP_MAX_STREAMS", "3"},
                                 {"MULTIFLEXI_HTTP_MAX_STREAMS_PER_USER", "2"},
                                 {"API_RATE_LIMIT_REQUESTS", "100000"}});
  std::vector<std::unique_ptr<OpenRequest>> streams;
  for (const std::string* token : {&rootToken, &rootToken, &aliceToken}) {
    streams.push_back(std::make_unique<OpenRequest>(port, jobPath + "/follow", *token));
    BOOST_TEST(streams.back()->status() == 200, streams.back()->head);
  }
  OpenRequest thirdOfRoot(port, jobPath + "/follow", rootToken);  // root's third: its own cap
  BOOST_TEST(thirdOfRoot.status() == 429, thirdOfRoot.head);
  BOOST_TEST(thirdOfRoot.head.find("Retry-After: 5") != std::string::npos, thirdOfRoot.head);
  OpenRequest fourth(port, jobPath + "/follow", aliceToken);  // the server's cap
  BOOST_TEST(fourth.status() == 503, fourth.head);
  BOOST_TEST(fourth.head.find("Retry-After: 5") != std::string::npos, fourth.head);
  const std::string refusal = fourth.rest();
  BOOST_TEST(refusal.find("\"status\":\"error\"") != std::string::npos, refusal);
  // A plain request is still answered while the streams hold their threads.
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  const Reply job = exchange(session, "GET", jobPath + ".json", "", {{"Authorization", "Bearer " + aliceToken}});
  BOOST_TEST(job.status == 200);
  BOOST_TEST(get("ping.json").status == 200);

  const auto stopping = std::chrono::steady_clock::now();
  server->signal(SIGTERM);
  for (auto& stream : streams) {
    const std::string events = stream->rest();
    BOOST_TEST(events.find("retry: 3000") != std::string::npos, events);
    BOOST_TEST(events.find("\r\n0\r\n\r\n") != std::string::npos, events);  // ended cleanly
  }
  BOOST_TEST(server->wait().exitCode == 0);
  // MULTIFLEXI_SHUTDOWN_GRACE is 10 s: the streams did not wait it out.
  BOOST_TEST((std::chrono::steady_clock::now() - stopping < 5s));
}

BOOST_FIXTURE_TEST_CASE(a_follow_stream_ends_after_its_lifetime_and_frees_its_place, FollowFixture) {
  auto server = start("server", {{"MULTIFLEXI_HTTP_STREAM_LIFETIME", "1.5"},
                                 {"MULTIFLEXI_HTTP_MAX_STREAMS_PER_USER", "1"}});
  for (int i = 0; i < 2; ++i) {
    const auto began = std::chrono::steady_clock::now();
    OpenRequest stream(port, jobPath + "/follow", aliceToken);
    BOOST_TEST(stream.status() == 200, stream.head);
    const std::string events = stream.rest();
    const auto took = std::chrono::steady_clock::now() - began;
    BOOST_TEST(events.find("retry: 3000") != std::string::npos, events);
    BOOST_TEST(events.find("event: end") == std::string::npos, events);  // the job goes on; the client comes back
    BOOST_TEST(events.find("\r\n0\r\n\r\n") != std::string::npos, events);
    BOOST_TEST((took >= 1400ms && took < 8s));
  }
  server->signal(SIGTERM);
  BOOST_TEST(server->wait().exitCode == 0);
}

BOOST_AUTO_TEST_SUITE_END()
