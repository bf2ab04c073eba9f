// mfx_otel's settings, read once at load through Host::config (MultiFlexi's
// OTEL_* names, resolved by the host from plugins.org.multiflexi.otel.<KEY>,
// the env file or its environment). A malformed value throws mfx::Invalid
// naming the key; header values are secrets and never appear in a message.
#pragma once

#include <multiflexi/mfx_plugin.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mfx::otel {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct OtelSettings {
  bool enabled = false;
  std::string tracesUrl;   ///< full URL spans are POSTed to
  std::string metricsUrl;  ///< full URL metrics are POSTed to
  Headers headers;         ///< extra request headers (values may be secrets)
  std::string caFile;      ///< PEM CA bundle for https, empty = system CAs
  std::chrono::milliseconds timeout{10000};
  std::chrono::milliseconds exportInterval{60000};
  std::string serviceName = "multiflexi";
  std::string hostName;
  std::size_t queueSize = 2048;
  std::size_t maxOpenJobs = 10000;
  int maxAttempts = 5;

  /// Reads every key. When OTEL_ENABLED is false nothing else is read.
  static OtelSettings fromHost(const Host& host);
};

/// OTEL_EXPORTER_OTLP_HEADERS ("k1=v1,k2=v2", values percent-decoded).
/// Empty text is no headers. Throws Invalid naming the entry's position or
/// key, never a value.
Headers parseHeaders(std::string_view text);

/// The signal URL: `base` (OTEL_EXPORTER_OTLP_ENDPOINT) with its trailing
/// '/' removed and `signalPath` ("/v1/traces") appended. Throws Invalid
/// naming `key` unless base is an http or https URL with a host.
std::string signalUrl(std::string_view base, std::string_view signalPath, const char* key);

/// A signal-specific endpoint (..._TRACES_ENDPOINT), used as-is; checked
/// like signalUrl.
std::string exactUrl(std::string_view url, const char* key);
/// `url` as logs and errors show it: without its query and fragment, which
/// may carry a key (`?api_key=`).
std::string shownUrl(std::string_view url);

}  // namespace mfx::otel
