#include "http/StaticFiles.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/String.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace MultiFlexi {

namespace {

Poco::Logger& logger() { return Poco::Logger::get("multiflexi.http"); }

const char* const kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'";

std::optional<std::string> realPath(const std::string& path) {
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) return std::nullopt;
  return std::string(resolved);
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

enum class Segment { Ok, Malformed, Refused };

/// %XX-decodes one path segment ("+" stays a plus: that is a query's rule,
/// hence not decodeUrlComponent) and refuses what a file name must not hold.
Segment decodeSegment(std::string_view raw, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      if (i + 2 >= raw.size()) return Segment::Malformed;
      const int hi = hexValue(raw[i + 1]), lo = hexValue(raw[i + 2]);
      if (hi < 0 || lo < 0) return Segment::Malformed;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '/' || c == '\\') return Segment::Refused;
    out += c;
  }
  if (out.empty() || out.front() == '.') return Segment::Refused;
  return Segment::Ok;
}

std::string mimeType(const std::string& name) {
  const std::size_t dot = name.rfind('.');
  const std::string ext = dot == std::string::npos ? std::string() : Poco::toLower(name.substr(dot + 1));
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "woff2") return "font/woff2";
  return "application/octet-stream";
}

bool below(const std::string& path, const std::string& root) {
  if (root == "/") return true;
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/';
}

/// Whether an If-None-Match list names `etag` (weak comparison, as for GET).
bool etagMatches(const std::string& list, const std::string& etag) {
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    std::string tag = Poco::trim(list.substr(start, end - start));
    if (tag == "*") return true;
    if (Poco::startsWith(tag, std::string("W/"))) tag = tag.substr(2);
    if (tag == etag) return true;
    start = end + 1;
  }
  return false;
}

StaticAnswer failure(int status, const std::string& text) {
  StaticAnswer out;
  out.status = status;
  out.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  out.headers.emplace_back("Cache-Control", "no-cache");
  out.body = text + "\n";
  out.length = out.body.size();
  return out;
}

/// The whole of a regular file already open, at most `size` bytes.
bool readAll(int fd, std::uint64_t size, std::string& body) {
  body.resize(size);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, body.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  body.resize(done);
  return done == size;
}

}  // namespace

std::vector<StaticMount> consoleVendorMounts() {
  return {
      {"/vendor/bootstrap5/", "/usr/share/javascript/bootstrap5", {"/usr/share/bootstrap-html"}, "libjs-bootstrap5"},
      {"/vendor/chart.js/", "/usr/share/javascript/chart.js", {}, "libjs-chart.js"},
      {"/vendor/icons/", "/usr/share/bootstrap-icons/svg", {}, "bootstrap-icons"},
  };
}

std::string StaticAnswer::header(const std::string& name) const {
  for (const auto& [n, v] : headers)
    if (Poco::icompare(n, name) == 0) return v;
  return {};
}

StaticFiles::StaticFiles(std::string webRoot, std::vector<StaticMount> vendorMounts, std::uint64_t maxFileSize)
    : _maxFileSize(maxFileSize) {
  _webRoot = resolveMount(StaticMount{"/", std::move(webRoot), {}, ""}, false);
  if (_webRoot.realRoots.empty())
    logger().warning("web console: web root %s is missing (MULTIFLEXI_WEB_ROOT); its pages answer 404",
                     _webRoot.root);
  else if (::access((_webRoot.realRoots.front() + "/index.html").c_str(), R_OK) != 0)
    logger().warning("web console: %s has no readable index.html (MULTIFLEXI_WEB_ROOT)", _webRoot.root);
  for (const auto& m : vendorMounts) {
    _vendors.push_back(resolveMount(m, true));
    if (_vendors.back().realRoots.empty())
      logger().warning("web console: %s is missing; %s* answers 404 until Debian package %s is installed", m.root,
                       m.prefix, m.package);
  }
}

StaticFiles::Mount StaticFiles::resolveMount(const StaticMount& mount, bool vendor) const {
  Mount out;
  out.prefix = mount.prefix;
  out.root = mount.root;
  out.vendor = vendor;
  if (const auto root = realPath(mount.root)) {
    out.realRoots.push_back(*root);
    for (const auto& also : mount.alsoAllowed)
      if (const auto real = realPath(also)) out.realRoots.push_back(*real);
  }
  return out;
}

StaticAnswer StaticFiles::answer(const StaticRequest& request) const {
  StaticAnswer out = [&] {
    if (request.method != "GET" && request.method != "HEAD") {
      StaticAnswer refused = failure(405, "method not allowed; use GET or HEAD");
      refused.headers.emplace_back("Allow", "GET, HEAD");
      return refused;
    }
    const std::string& path = request.path;
    if (path.size() > kMaxPathLength) return failure(414, "path too long");
    if (path.empty() || path.front() != '/') return failure(404, "not found");

    const Mount* mount = &_webRoot;
    std::string_view rest = std::string_view(path).substr(1);
    if (Poco::startsWith(path, std::string("/vendor/"))) {
      mount = nullptr;
      for (const auto& v : _vendors)
        if (Poco::startsWith(path, v.prefix)) {
          mount = &v;
          rest = std::string_view(path).substr(v.prefix.size());
        }
      if (mount == nullptr) return failure(404, "not found");
    }
    std::string relative;
    std::string name;
    if (rest.empty()) {
      if (mount->vendor) return failure(404, "not found");  // no listing
      relative = name = "index.html";
    } else {
      std::string segment;
      while (true) {
        const std::size_t slash = rest.find('/');
        switch (decodeSegment(rest.substr(0, slash), segment)) {
          case Segment::Malformed:
            return failure(400, "malformed %-escape in the path");
          case Segment::Refused:
            return failure(404, "not found");
          case Segment::Ok:
            break;
        }
        relative += (relative.empty() ? "" : "/") + segment;
        name = segment;
        if (slash == std::string_view::npos) break;
        rest = rest.substr(slash + 1);
      }
    }
    if (mount->realRoots.empty()) return failure(404, "not found");

    const auto real = realPath(mount->realRoots.front() + "/" + relative);
    if (!real) return failure(404, "not found");
    bool allowed = false;
    for (const auto& root : mount->realRoots) allowed = allowed || below(*real, root);
    if (!allowed) return failure(404, "not found");

    // Non-blocking: a FIFO must not hold the thread; it is refused below.
    const int fd = ::open(real->c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) return failure(404, "not found");
    struct Closer {
      int fd;
      ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return failure(404, "not found");
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > _maxFileSize) {
      const std::lock_guard<std::mutex> lock(_warnedMutex);
      if (_warnedTooLarge.size() < 256 && _warnedTooLarge.insert(*real).second)
        logger().warning("web console: %s is larger than %s bytes; answered 404", *real, std::to_string(_maxFileSize));
      return failure(404, "not found");
    }

    StaticAnswer found;
    char etag[64];
    std::snprintf(etag, sizeof etag, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                  static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ULL +
                      static_cast<unsigned long long>(st.st_mtim.tv_nsec));
    const Poco::Timestamp modified = Poco::Timestamp::fromEpochTime(st.st_mtim.tv_sec);
    found.headers.emplace_back("Content-Type", mimeType(name));
    found.headers.emplace_back("Cache-Control", mount->vendor ? "max-age=86400" : "no-cache");
    found.headers.emplace_back("ETag", etag);
    found.headers.emplace_back("Last-Modified",
                               Poco::DateTimeFormatter::format(modified, Poco::DateTimeFormat::HTTP_FORMAT));
    found.length = size;

    bool unchanged = false;
    if (!request.ifNoneMatch.empty()) {
      unchanged = etagMatches(request.ifNoneMatch, etag);
    } else if (!request.ifModifiedSince.empty()) {
      Poco::DateTime since;
      int zone = 0;
      if (Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::HTTP_FORMAT, request.ifModifiedSince, since, zone))
        unchanged = modified <= since.timestamp() - Poco::Timestamp::TimeDiff(zone) * Poco::Timestamp::resolution();
    }
    if (unchanged) {
      found.status = 304;
      return found;
    }
    if (request.method == "GET" && !readAll(fd, size, found.body)) return failure(404, "not found");
    return found;
  }();
  out.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  out.headers.emplace_back("X-Content-Type-Options", "nosniff");
  out.headers.emplace_back("Referrer-Policy", "no-referrer");
  return out;
}

int StaticFiles::serve(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const {
  StaticRequest asked;
  asked.method = request.getMethod();
  const std::string& uri = request.getURI();
  asked.path = uri.substr(0, uri.find('?'));
  asked.ifNoneMatch = request.get("If-None-Match", "");
  asked.ifModifiedSince = request.get("If-Modified-Since", "");
  // A body is not read here: the connection could not stay in step after it.
  if (request.getChunkedTransferEncoding() || (request.hasContentLength() && request.getContentLength64() > 0))
    response.setKeepAlive(false);

  const StaticAnswer out = answer(asked);
  const auto status = static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status);
  response.setStatusAndReason(status, Poco::Net::HTTPResponse::getReasonForStatus(status));
  for (const auto& [name, value] : out.headers) response.set(name, value);
  if (out.status == 304 || asked.method == "HEAD") {
    // The length of the 200 answer (RFC 9110): no body follows either way.
    response.setContentLength64(static_cast<Poco::Int64>(out.length));
    response.send().flush();
  } else {
    response.sendBuffer(out.body.data(), out.body.size());
  }
  return out.status;
}

}  // namespace MultiFlexi
