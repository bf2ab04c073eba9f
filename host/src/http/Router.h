// Finds the API route a request path names: the route's method and path
// template ("/job/{jobId}", parameters in braces), MultiFlexi's format
// suffix (".json", ".yaml", ".xml", ".html") and what to answer when nothing
// fits (404, 405 with the methods that would, 406 for another suffix).
//
// Paths are matched segment by segment after percent-decoding each segment
// on its own ("%2F" stays inside its segment). Empty segments ("//"), "."
// and ".." never match anything; one trailing slash is ignored on both sides.
// Among routes matching a path the one with the most literal segments wins.
//
// Threads: match() is const and may be called from any number of threads.
#pragma once

#include "api/ApiRoute.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace MultiFlexi {

/// The formats a response can be rendered in.
enum class ResponseFormat { Json, Yaml, Xml, Html };

/// "json", "yaml", "xml", "html".
const char* formatName(ResponseFormat format);
/// The format of a suffix without its dot; nullopt for any other.
std::optional<ResponseFormat> formatNamed(std::string_view suffix);
/// "json, yaml, xml, html": what a 406 names.
std::string formatsServed();

struct RouteMatch {
  enum class Outcome { Found, NotFound, MethodNotAllowed, NotAcceptable, BadPath };
  Outcome outcome = Outcome::NotFound;
  /// Found: the route (owned by the Router).
  const ApiRoute* route = nullptr;
  /// Found: the path parameters, decoded.
  std::map<std::string, std::string> parameters;
  ResponseFormat format = ResponseFormat::Json;
  /// MethodNotAllowed: the methods the path takes, "GET, POST".
  std::string allow;
  /// NotAcceptable: the suffix asked for; BadPath: what is wrong.
  std::string detail;
};

class Router {
 public:
  explicit Router(std::vector<ApiRoute> routes);

  /// `path` is the request's raw path below the base path ("/job/5.json"),
  /// still percent-encoded, without the query.
  RouteMatch match(std::string_view method, std::string_view path) const;

  const std::vector<ApiRoute>& routes() const { return _routes; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" for a parameter
    std::size_t literals = 0;
  };
  std::vector<ApiRoute> _routes;
  std::vector<Compiled> _compiled;
};

}  // namespace MultiFlexi
