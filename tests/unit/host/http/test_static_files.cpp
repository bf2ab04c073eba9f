// The web console's files: what is served from a web root the test makes
// (and vendor mounts of its own), hostile paths refused, conditional
// requests, HEAD, MIME types, the headers every answer carries; then the
// same through the real server on a loopback port.
#include <boost/test/unit_test.hpp>

#include "TempDir.h"
#include "catalog/Catalog.h"
#include "http/ApiServer.h"
#include "http/StaticFiles.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>

using namespace MultiFlexi;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

const std::string kPolicy =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'";

struct WebRoot {
  Testing::TempDir dir;
  fs::path web = dir.path() / "web";
  fs::path outside = dir.path() / "outside";
  fs::path vendor = dir.path() / "vendor";
  fs::path shared = dir.path() / "shared-html";
  std::unique_ptr<StaticFiles> files;

  WebRoot() {
    write(web / "index.html", "<!doctype html><title>console</title>");
    write(web / "css/console.css", "body{}");
    write(web / "js/app.js", "export {};");
    write(web / "js/pages/jobs.js", "export async function render() {}");
    write(web / "img/logo.svg", "<svg/>");
    write(web / "img/a.png", "png");
    write(web / "favicon.ico", "ico");
    write(web / "data.json", "{}");
    write(web / "js/app.js.map", "{}");
    write(web / "font.woff2", "w");
    write(web / "notes.xyz", "?");
    write(web / "a+b.txt", "plus");
    write(web / ".hidden", "secret");
    write(web / ".git/config", "secret");
    write(web / "big.js", std::string(2048, 'x'));
    write(outside / "secret.txt", "outside secret");
    fs::create_symlink(outside / "secret.txt", web / "escape.txt");
    fs::create_symlink(outside, web / "escape-dir");
    fs::create_symlink(web / "js/app.js", web / "alias.js");
    ::mkfifo((web / "fifo.js").c_str(), 0600);
    // A vendor mount whose css/ is a link into another allowed directory.
    write(shared / "css/bootstrap.min.css", ".b{}");
    write(vendor / "bs/js/bootstrap.bundle.min.js", "bundle");
    fs::create_symlink(shared / "css", vendor / "bs/css");
    fs::create_symlink(outside / "secret.txt", vendor / "bs/leak.txt");
    write(vendor / "chart/chart.min.js", "chart");
    files = std::make_unique<StaticFiles>(
        web.string(),
        std::vector<StaticMount>{{"/vendor/bootstrap5/", (vendor / "bs").string(), {shared.string()}, "libjs-bootstrap5"},
                                 {"/vendor/chart.js/", (vendor / "chart").string(), {}, "libjs-chart.js"},
                                 {"/vendor/icons/", (vendor / "missing").string(), {}, "bootstrap-icons"}},
        1024);
  }

  StaticAnswer get(const std::string& path, const std::string& method = "GET", const std::string& inm = "",
                   const std::string& ims = "") const {
    return files->answer(StaticRequest{method, path, inm, ims});
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(static_files, WebRoot)

BOOST_AUTO_TEST_CASE(the_root_and_files_of_the_web_root_are_served_with_their_types) {
  StaticAnswer a = get("/");
  BOOST_TEST(a.status == 200);
  BOOST_TEST(a.body == "<!doctype html><title>console</title>");
  BOOST_TEST(a.header("Content-Type") == "text/html; charset=utf-8");
  BOOST_TEST(a.header("Cache-Control") == "no-cache");
  BOOST_TEST(get("/index.html").body == a.body);
  const std::map<std::string, std::string> types{
      {"/css/console.css", "text/css; charset=utf-8"},  {"/js/app.js", "text/javascript; charset=utf-8"},
      {"/img/logo.svg", "image/svg+xml"},               {"/img/a.png", "image/png"},
      {"/favicon.ico", "image/x-icon"},                 {"/data.json", "application/json"},
      {"/js/app.js.map", "application/json"},           {"/font.woff2", "font/woff2"},
      {"/notes.xyz", "application/octet-stream"},       {"/a+b.txt", "application/octet-stream"},
      {"/js/pages/jobs.js", "text/javascript; charset=utf-8"}};
  for (const auto& [path, type] : types) {
    a = get(path);
    BOOST_TEST(a.status == 200, path);
    BOOST_TEST(a.header("Content-Type") == type, path);
  }
  BOOST_TEST(get("/a+b.txt").body == "plus");  // "+" is no space in a path
  BOOST_TEST(get("/a%2Bb.txt").body == "plus");
  BOOST_TEST(get("/alias.js").body == "export {};");  // a link that stays inside is followed
}

BOOST_AUTO_TEST_CASE(every_answer_carries_the_security_headers) {
  for (const std::string path : {"/", "/nothing", "/../etc/passwd", "/%zz", "/vendor/chart.js/chart.min.js"}) {
    const StaticAnswer a = get(path);
    BOOST_TEST(a.header("Content-Security-Policy") == kPolicy, path);
    BOOST_TEST(a.header("X-Content-Type-Options") == "nosniff", path);
    BOOST_TEST(a.header("Referrer-Policy") == "no-referrer", path);
  }
  const StaticAnswer refused = get("/", "POST");
  BOOST_TEST(refused.header("Content-Security-Policy") == kPolicy);
  BOOST_TEST(get("/", "GET", "\"x\"").header("X-Content-Type-Options") == "nosniff");
}

BOOST_AUTO_TEST_CASE(hostile_paths_are_refused) {
  for (const std::string path :
       {"/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd", "/css/../index.html",
        "/css/%2e%2e/index.html", "/css%2Fconsole.css", "/css%2fconsole.css", "/%252e%252e/etc/passwd",
        "/index.html%00.js", "/index.html%00", "/css\\console.css", "/css%5Cconsole.css", "/.hidden",
        "/%2ehidden", "/.git/config", "/./index.html", "//index.html", "/css//console.css", "/css/",
        "/css", "/img", "/escape.txt", "/escape-dir/secret.txt", "/fifo.js", "/big.js", "/nothing.js",
        "/index.html%0a", "/%0d%0aSet-Cookie:%20a=b", "relative.html", "", "/vendor/", "/vendor/unknown/x.js",
        "/vendor/bootstrap5/", "/vendor/bootstrap5", "/vendor/bootstrap5/leak.txt",
        "/vendor/bootstrap5/../chart/chart.min.js", "/vendor/icons/trash.svg",
        "/js/app.js' OR '1'='1", "/js/app.js;DROP TABLE jobs"}) {
    const StaticAnswer a = get(path);
    BOOST_TEST(a.status == 404, "'" << path << "' -> " << a.status);
    BOOST_TEST(a.body.find("secret") == std::string::npos, path);
  }
  for (const std::string path : {"/%zz", "/%2", "/index.html%", "/%G0"}) BOOST_TEST(get(path).status == 400, path);
  BOOST_TEST(get("/" + std::string(StaticFiles::kMaxPathLength, 'a')).status == 414);
  BOOST_TEST(get("/" + std::string(200, 'a')).status == 404);
}

BOOST_AUTO_TEST_CASE(vendor_files_follow_their_allowed_links_and_cache_for_a_day) {
  StaticAnswer a = get("/vendor/bootstrap5/css/bootstrap.min.css");
  BOOST_TEST(a.status == 200);
  BOOST_TEST(a.body == ".b{}");
  BOOST_TEST(a.header("Content-Type") == "text/css; charset=utf-8");
  BOOST_TEST(a.header("Cache-Control") == "max-age=86400");
  BOOST_TEST(get("/vendor/bootstrap5/js/bootstrap.bundle.min.js").body == "bundle");
  BOOST_TEST(get("/vendor/chart.js/chart.min.js").body == "chart");
}

BOOST_AUTO_TEST_CASE(conditional_requests_get_304_and_head_gets_no_body) {
  const StaticAnswer first = get("/js/app.js");
  const std::string etag = first.header("ETag");
  BOOST_TEST(etag.size() > 2);
  BOOST_TEST(etag.front() == '"');
  BOOST_TEST(!first.header("Last-Modified").empty());
  StaticAnswer a = get("/js/app.js", "GET", etag);
  BOOST_TEST(a.status == 304);
  BOOST_TEST(a.body.empty());
  BOOST_TEST(a.header("ETag") == etag);
  BOOST_TEST(get("/js/app.js", "GET", "\"other\", W/" + etag).status == 304);
  BOOST_TEST(get("/js/app.js", "GET", "*").status == 304);
  BOOST_TEST(get("/js/app.js", "GET", "\"other\"").status == 200);
  BOOST_TEST(get("/js/app.js", "GET", "", first.header("Last-Modified")).status == 304);
  BOOST_TEST(get("/js/app.js", "GET", "", "Mon, 01 Jan 2001 00:00:00 GMT").status == 200);
  BOOST_TEST(get("/js/app.js", "GET", "", "not a date").status == 200);
  // A changed file gets a new tag.
  write(web / "js/app.js", "export const changed = 1;");
  BOOST_TEST(get("/js/app.js", "GET", etag).status == 200);

  a = get("/css/console.css", "HEAD");
  BOOST_TEST(a.status == 200);
  BOOST_TEST(a.body.empty());
  BOOST_TEST(a.length == 6u);
  BOOST_TEST(a.header("Content-Type") == "text/css; charset=utf-8");
}

BOOST_AUTO_TEST_CASE(other_methods_are_405_with_allow) {
  for (const std::string method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "get", ""}) {
    const StaticAnswer a = get("/index.html", method);
    BOOST_TEST(a.status == 405, method);
    BOOST_TEST(a.header("Allow") == "GET, HEAD", method);
  }
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct Served : WebRoot {
  std::unique_ptr<Catalog> catalog =
      Catalog::open(dir.file("multiflexi.db"), dir.file("multiflexi.key"), true, CatalogHost{});
  std::unique_ptr<ApiServer> server;

  Served() {
    ApiServerOptions o;
    o.address = Poco::Net::SocketAddress("127.0.0.1", 0);
    o.threads = 2;
    o.staticFiles = std::shared_ptr<const StaticFiles>(std::move(files));
    server = std::make_unique<ApiServer>(*catalog, std::vector<ApiRoute>{}, nullptr, o);
  }

  struct Reply {
    int status = 0;
    std::string body;
    Poco::Net::HTTPResponse headers;
  };
  Reply request(const std::string& method, const std::string& target,
                const std::map<std::string, std::string>& headers = {}) const {
    Poco::Net::HTTPClientSession session(server->address());
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest req(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [n, v] : headers) req.set(n, v);
    session.sendRequest(req);
    Reply out;
    std::istream& in = session.receiveResponse(out.headers);
    out.status = out.headers.getStatus();
    Poco::StreamCopier::copyToString(in, out.body);
    return out;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(static_files_served, Served)

BOOST_AUTO_TEST_CASE(the_server_serves_the_console_beside_the_api) {
  Reply r = request("GET", "/?x=1");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.body == "<!doctype html><title>console</title>");
  BOOST_TEST(r.headers.getContentType() == "text/html; charset=utf-8");
  BOOST_TEST(r.headers.get("Content-Security-Policy", "") == kPolicy);
  BOOST_TEST(!r.headers.get("X-Request-Id", "").empty());
  const std::string etag = r.headers.get("ETag", "");

  r = request("GET", "/", {{"If-None-Match", etag}});
  BOOST_TEST(r.status == 304);
  BOOST_TEST(r.body.empty());
  r = request("HEAD", "/css/console.css");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.headers.getContentLength() == 6);
  BOOST_TEST(r.body.empty());

  for (const std::string path : {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/escape.txt", "/%252e%252e/x",
                                 "/index.html%00", "/css%2Fconsole.css", "/css\\console.css"}) {
    r = request("GET", path);
    BOOST_TEST(r.status == 404, path);
    BOOST_TEST(r.headers.get("X-Content-Type-Options", "") == "nosniff", path);
  }
  r = request("DELETE", "/index.html");
  BOOST_TEST(r.status == 405);
  BOOST_TEST(r.headers.get("Allow", "") == "GET, HEAD");
  BOOST_TEST(request("GET", "/" + std::string(5000, 'a')).status == 414);

  // The API keeps its own answers: a JSON 404, not a file.
  r = request("GET", std::string(kApiBasePath) + "/index.html");
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.headers.getContentType() == "application/json");
  BOOST_TEST(request("GET", kApiBasePath).headers.getContentType() == "application/json");
}

BOOST_AUTO_TEST_SUITE_END()
