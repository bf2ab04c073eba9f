// POSTs one OTLP/HTTP JSON body to a collector (http or https), with the
// configured headers and timeout, retrying on 429/502/503/504 and network
// errors with exponential backoff that honours Retry-After, within a
// deadline. Header values are never logged or put into errors.
// THREADS: one sender is used by one thread (the exporter's).
#pragma once

#include "OtelSettings.h"
#include "OtlpJson.h"

#include <Poco/AutoPtr.h>
#include <Poco/Net/Context.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace mfx::otel {

struct RetryPolicy {
  int maxAttempts = 5;
  std::chrono::milliseconds base{500};   ///< first backoff
  std::chrono::milliseconds cap{8000};   ///< longest backoff
  std::chrono::milliseconds retryAfterCap{30000};  ///< longest Retry-After honoured
};

/// Whether an HTTP status is worth retrying (the OTLP spec's list).
bool retryableStatus(int status);

/// The wait before attempt `attempt + 1` after attempt `attempt` (1-based)
/// ended with `status` (0: network error) and the Retry-After header text
/// (delay-seconds or an HTTP date; empty when absent). nullopt: do not retry.
std::optional<std::chrono::milliseconds> retryDelay(const RetryPolicy& policy, int attempt, int status,
                                                    const std::string& retryAfter);

struct PostResult {
  bool delivered = false;  ///< a 2xx answer came
  int status = 0;          ///< last HTTP status, 0 when none
  int attempts = 0;
  PartialSuccess partial;  ///< read from a 2xx body
  std::string error;       ///< why it was not delivered (no secrets)
};

class OtlpSender {
 public:
  /// Waits up to the given time; returns false when interrupted (shutdown).
  using Sleep = std::function<bool(std::chrono::milliseconds)>;

  /// Throws Invalid when caFile cannot be loaded.
  OtlpSender(Headers headers, std::chrono::milliseconds timeout, const std::string& caFile, RetryPolicy policy);
  ~OtlpSender();
  OtlpSender(const OtlpSender&) = delete;
  OtlpSender& operator=(const OtlpSender&) = delete;

  /// Sends body to url; gives up at `deadline`, when sleep is interrupted or
  /// after policy.maxAttempts.
  PostResult post(const std::string& url, const std::string& body, std::chrono::steady_clock::time_point deadline,
                  const Sleep& sleep);

 private:
  struct Answer {
    int status = 0;
    std::string retryAfter;
    std::string body;
  };
  Answer once(const std::string& url, const std::string& body, std::chrono::milliseconds timeout);

  Headers _headers;
  std::chrono::milliseconds _timeout;
  RetryPolicy _policy;
  Poco::Net::Context::Ptr _tls;
};

}  // namespace mfx::otel
