#include "http/Router.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <set>

namespace MultiFlexi {

namespace {

constexpr ResponseFormat kFormats[] = {ResponseFormat::Json, ResponseFormat::Yaml, ResponseFormat::Xml,
                                       ResponseFormat::Html};

bool isParameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

/// The segments of a path: without the leading slash and one trailing slash.
std::vector<std::string> split(std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::vector<std::string> segments;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    segments.emplace_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

}  // namespace

const char* formatName(ResponseFormat format) {
  switch (format) {
    case ResponseFormat::Json: return "json";
    case ResponseFormat::Yaml: return "yaml";
    case ResponseFormat::Xml: return "xml";
    case ResponseFormat::Html: return "html";
  }
  return "json";
}

std::optional<ResponseFormat> formatNamed(std::string_view suffix) {
  for (ResponseFormat f : kFormats)
    if (suffix == formatName(f)) return f;
  return std::nullopt;
}

std::string formatsServed() {
  std::string out;
  for (ResponseFormat f : kFormats) out += (out.empty() ? "" : ", ") + std::string(formatName(f));
  return out;
}

Router::Router(std::vector<ApiRoute> routes) : _routes(std::move(routes)) {
  for (const ApiRoute& route : _routes) {
    Compiled c;
    c.segments = split(route.path);
    for (const std::string& s : c.segments) c.literals += isParameter(s) ? 0 : 1;
    _compiled.push_back(std::move(c));
  }
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  if (path.empty() || path.front() != '/') return result;
  std::vector<std::string> segments = split(path);
  for (std::string& segment : segments) {
    std::string decoded;
    try {
      Poco::URI::decode(segment, decoded);
    } catch (const Poco::Exception&) {
      result.outcome = RouteMatch::Outcome::BadPath;
      result.detail = "malformed percent-encoding";
      return result;
    }
    // Nothing names an empty, relative or NUL-carrying segment.
    if (decoded.empty() || decoded == "." || decoded == ".." || decoded.find('\0') != std::string::npos)
      return result;
    segment = std::move(decoded);
  }

  std::set<std::string> methods;
  std::string badSuffix;
  const Compiled* best = nullptr;
  for (std::size_t i = 0; i < _routes.size(); ++i) {
    const ApiRoute& route = _routes[i];
    const Compiled& c = _compiled[i];
    if (c.segments.size() != segments.size()) continue;
    std::string last = segments.back();
    std::optional<ResponseFormat> format = ResponseFormat::Json;
    std::string suffix;
    if (route.suffix) {
      const std::size_t dot = last.rfind('.');
      if (dot != std::string::npos && dot > 0) {
        suffix = last.substr(dot + 1);
        last.erase(dot);
        format = formatNamed(suffix);
      }
    }
    std::map<std::string, std::string> parameters;
    bool matches = true;
    for (std::size_t k = 0; matches && k < segments.size(); ++k) {
      const std::string& actual = k + 1 == segments.size() ? last : segments[k];
      if (isParameter(c.segments[k]))
        parameters[c.segments[k].substr(1, c.segments[k].size() - 2)] = actual;
      else
        matches = c.segments[k] == actual;
    }
    if (!matches) continue;
    if (!format) {
      badSuffix = suffix;
      continue;
    }
    methods.insert(route.method);
    if (route.method == method && (best == nullptr || c.literals > best->literals)) {
      best = &c;
      result.outcome = RouteMatch::Outcome::Found;
      result.route = &route;
      result.parameters = std::move(parameters);
      result.format = *format;
    }
  }
  if (best != nullptr) return result;
  if (!methods.empty()) {
    result.outcome = RouteMatch::Outcome::MethodNotAllowed;
    for (const std::string& m : methods) result.allow += (result.allow.empty() ? "" : ", ") + m;
  } else if (!badSuffix.empty()) {
    result.outcome = RouteMatch::Outcome::NotAcceptable;
    result.detail = badSuffix;
  }
  return result;
}

}  // namespace MultiFlexi
