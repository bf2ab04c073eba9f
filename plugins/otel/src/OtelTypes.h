// The data mfx_otel passes between its parts: a copied job event, typed
// attributes, finished spans. Plain values; no threads, no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mfx::otel {

/// One mfx_job_event, copied out of the host's borrowed memory in on_event.
struct Event {
  int32_t kind = 0;
  int64_t companyId = 0;
  int64_t jobId = 0;
  int64_t runtemplateId = 0;
  std::string executor;
  int64_t timestampMs = 0;
  int64_t durationMs = 0;
  int32_t exitCode = -1;
  std::string attributesJson;
};

using AttrValue = std::variant<std::string, int64_t, double, bool>;
using Attributes = std::vector<std::pair<std::string, AttrValue>>;

/// OTLP Status.code values.
enum class SpanStatus : int { Unset = 0, Ok = 1, Error = 2 };

/// A finished span as OTLP encodes it (times in Unix nanoseconds).
struct SpanData {
  std::string traceId;       ///< 32 lowercase hex
  std::string spanId;        ///< 16 lowercase hex
  std::string parentSpanId;  ///< 16 lowercase hex, empty for a root span
  std::string name;
  int64_t startNs = 0;
  int64_t endNs = 0;
  Attributes attributes;
  SpanStatus status = SpanStatus::Unset;
  std::string statusMessage;
};

/// The resource every export describes.
struct Resource {
  std::string serviceName;
  std::string serviceVersion;
  std::string hostName;
};

}  // namespace mfx::otel
