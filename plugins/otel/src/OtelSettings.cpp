#include "OtelSettings.h"

#include "HostConfig.h"

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <cctype>

namespace mfx::otel {
namespace {

constexpr std::size_t kMaxHeadersText = 8192;

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

bool isToken(const std::string& name) {
  if (name.empty()) return false;
  for (unsigned char c : name)
    if (!(std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos))
      return false;
  return true;
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Percent-decodes a header value; a bad escape or a control byte throws
/// (naming the key only).
std::string decodeValue(const std::string& raw, const std::string& key) {
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      const bool whole = i + 2 < raw.size();
      const int hi = whole ? hexDigit(raw[i + 1]) : -1;
      const int lo = whole ? hexDigit(raw[i + 2]) : -1;
      if (hi < 0 || lo < 0)
        throw Invalid("OTEL_EXPORTER_OTLP_HEADERS: the value of '" + key + "' has a bad percent escape");
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      throw Invalid("OTEL_EXPORTER_OTLP_HEADERS: the value of '" + key + "' contains a control character");
    out.push_back(c);
  }
  return out;
}

}  // namespace

Headers parseHeaders(std::string_view text) {
  if (text.size() > kMaxHeadersText)
    throw Invalid("OTEL_EXPORTER_OTLP_HEADERS: longer than " + std::to_string(kMaxHeadersText) + " bytes");
  if (text.find('\0') != std::string_view::npos)
    throw Invalid("OTEL_EXPORTER_OTLP_HEADERS: contains a NUL byte");
  Headers out;
  std::size_t pos = 0, index = 0;
  while (pos <= text.size()) {
    const std::size_t comma = std::min(text.find(',', pos), text.size());
    const std::string_view entry = text.substr(pos, comma - pos);
    ++index;
    pos = comma + 1;
    if (trim(entry).empty()) continue;
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos)
      throw Invalid("OTEL_EXPORTER_OTLP_HEADERS: entry " + std::to_string(index) + " has no '=' (expected key=value)");
    const std::string key = trim(entry.substr(0, eq));
    if (!isToken(key))
      throw Invalid("OTEL_EXPORTER_OTLP_HEADERS: entry " + std::to_string(index) +
                    " has an empty or invalid header name");
    out.emplace_back(key, decodeValue(trim(entry.substr(eq + 1)), key));
  }
  return out;
}

std::string exactUrl(std::string_view url, const char* key) {
  const std::string text(url);
  if (text.find('\0') != std::string::npos || text.size() > 2048)
    throw Invalid(std::string(key) + ": not a usable URL");
  Poco::URI uri;
  try {
    uri = Poco::URI(text);
  } catch (const Poco::Exception&) {
    throw Invalid(std::string(key) + ": not a URL: '" + text + "'");
  }
  if ((uri.getScheme() != "http" && uri.getScheme() != "https") || uri.getHost().empty())
    throw Invalid(std::string(key) + ": expected an http:// or https:// URL with a host, got '" + text + "'");
  if (!uri.getUserInfo().empty())
    throw Invalid(std::string(key) + ": credentials in the URL are not supported (use OTEL_EXPORTER_OTLP_HEADERS)");
  return text;
}

std::string signalUrl(std::string_view base, std::string_view signalPath, const char* key) {
  std::string text(base);
  while (!text.empty() && text.back() == '/') text.pop_back();
  exactUrl(text, key);
  return text + std::string(signalPath);
}

OtelSettings OtelSettings::fromHost(const Host& host) {
  OtelSettings s;
  s.enabled = support::configBool(host, "OTEL_ENABLED", false);
  if (!s.enabled) return s;
  if (auto protocol = host.config("OTEL_EXPORTER_OTLP_PROTOCOL"); protocol && *protocol != "http/json")
    throw Invalid("OTEL_EXPORTER_OTLP_PROTOCOL: only http/json is supported, got '" + *protocol + "'");
  const std::string base = host.config("OTEL_EXPORTER_OTLP_ENDPOINT").value_or("http://localhost:4318");
  if (auto u = host.config("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
    s.tracesUrl = exactUrl(*u, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
  else
    s.tracesUrl = signalUrl(base, "/v1/traces", "OTEL_EXPORTER_OTLP_ENDPOINT");
  if (auto u = host.config("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"))
    s.metricsUrl = exactUrl(*u, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
  else
    s.metricsUrl = signalUrl(base, "/v1/metrics", "OTEL_EXPORTER_OTLP_ENDPOINT");
  if (auto h = host.config("OTEL_EXPORTER_OTLP_HEADERS")) s.headers = parseHeaders(*h);
  s.caFile = host.config("OTEL_EXPORTER_OTLP_CERTIFICATE").value_or("");
  s.timeout = support::configMillis(host, "OTEL_EXPORTER_OTLP_TIMEOUT", s.timeout, support::Zero::Refused);
  s.exportInterval =
      support::configMillis(host, "OTEL_METRIC_EXPORT_INTERVAL", s.exportInterval, support::Zero::Refused);
  if (auto name = host.config("OTEL_SERVICE_NAME")) {
    if (name->empty() || name->size() > 255 || name->find('\0') != std::string::npos)
      throw Invalid("OTEL_SERVICE_NAME: expected 1 to 255 characters");
    s.serviceName = *name;
  }
  s.queueSize = support::configCount(host, "OTEL_BSP_MAX_QUEUE_SIZE", s.queueSize, 1, 1000000);
  s.maxOpenJobs = support::configCount(host, "open_jobs_max", s.maxOpenJobs, 1, 1000000);
  s.maxAttempts = static_cast<int>(support::configCount(host, "max_attempts", 5, 1, 20));
  s.hostName = Poco::Environment::nodeName();
  return s;
}

std::string shownUrl(std::string_view url) {
  const std::size_t cut = url.find_first_of("?#");
  return std::string(url.substr(0, cut));
}

}  // namespace mfx::otel
