// The web console's files: every path outside the API base is a static path.
// `/` is index.html of the web root; other paths are files below it, and
// `/vendor/<name>/...` are files of a Debian package (bootstrap5, chart.js,
// icons). Only GET and HEAD (else 405 with Allow); files only, no listing.
//
// A path is %-decoded once, segment by segment; refused (404) are a decoded
// "/" inside a segment (%2F), NUL and control bytes, backslash, empty
// segments, and any segment starting with "." (so "..", "." and hidden
// files); a malformed escape is 400, a path over kMaxPathLength 414. What
// remains is resolved with realpath() and must lie below one of its mount's
// allowed real roots (a symlink out of the web root is 404; the bootstrap5
// mount may follow its links into /usr/share/bootstrap-html).
//
// Answers carry an ETag (size and mtime) and Last-Modified; If-None-Match
// (else If-Modified-Since) that still matches is 304. Cache-Control is
// "no-cache" for the web root (an upgrade shows at once) and max-age=86400
// for vendor files. Every answer, errors too, carries the console's
// Content-Security-Policy, X-Content-Type-Options and Referrer-Policy.
//
// Files are read per request (no cache: they are small and the page cache
// keeps them; an upgrade shows without a restart); a file over `maxFileSize`
// is 404 with a warning logged.
//
// Threads: answer() is const and may run on many threads at once. Throws:
// nothing for any request; the constructor never throws (a missing mount is
// a warning logged once, naming the Debian package to install, and its files
// are 404).
#pragma once

#include <cstdint>
#include <cstddef>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
}  // namespace Poco::Net

namespace MultiFlexi {

/// A directory served below a URL prefix.
struct StaticMount {
  /// "/vendor/bootstrap5/" (the web root's is "/").
  std::string prefix;
  /// The directory files are looked up in.
  std::string root;
  /// Real directories a file may resolve into, besides the root's own real path.
  std::vector<std::string> alsoAllowed;
  /// The Debian package that provides it; empty for the web root.
  std::string package;
};

/// The three vendor mounts of the console (Debian 12 paths).
std::vector<StaticMount> consoleVendorMounts();

struct StaticRequest {
  std::string method;
  /// As it came: still %-encoded, without the query.
  std::string path;
  std::string ifNoneMatch;
  std::string ifModifiedSince;
};

struct StaticAnswer {
  int status = 200;
  /// Content-Type, caching and security headers.
  std::vector<std::pair<std::string, std::string>> headers;
  /// The file (empty for HEAD and 304), or a short text for an error.
  std::string body;
  /// Content-Length: the file's size, also for HEAD and 304 (RFC 9110).
  std::uint64_t length = 0;

  std::string header(const std::string& name) const;
};

class StaticFiles {
 public:
  static constexpr std::size_t kMaxPathLength = 1024;
  static constexpr std::uint64_t kDefaultMaxFileSize = 16 << 20;

  /// Logs a warning for the web root without index.html and for each vendor
  /// mount that is missing.
  StaticFiles(std::string webRoot, std::vector<StaticMount> vendorMounts = consoleVendorMounts(),
              std::uint64_t maxFileSize = kDefaultMaxFileSize);

  const std::string& webRoot() const { return _webRoot.root; }

  StaticAnswer answer(const StaticRequest& request) const;

  /// Answers `request` on `response`; returns the status sent. Throws what
  /// writing to the connection throws.
  int serve(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const;

 private:
  struct Mount {
    std::string prefix;
    std::string root;
    std::vector<std::string> realRoots;  // empty: missing
    bool vendor = false;
  };
  Mount resolveMount(const StaticMount& mount, bool vendor) const;

  Mount _webRoot;
  std::vector<Mount> _vendors;
  std::uint64_t _maxFileSize;
  /// Files found too large, each warned about once (a client cannot flood the log).
  mutable std::mutex _warnedMutex;
  mutable std::set<std::string> _warnedTooLarge;
};

}  // namespace MultiFlexi
