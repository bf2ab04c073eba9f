// OTLP/HTTP JSON bodies (ExportTraceServiceRequest, ExportMetricsServiceRequest)
// as the OTLP 1.x specification restricts the proto3 JSON mapping: trace and
// span ids as lowercase hex, 64-bit integers as strings, lowerCamelCase field
// names, enums as integers. Also reads a response's partialSuccess.
#pragma once

#include "JobMetrics.h"
#include "OtelTypes.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mfx::otel {

/// The instrumentation scope's name in every export.
inline constexpr const char* kScopeName = "org.multiflexi.otel";

std::string encodeTraces(const Resource& resource, const std::string& scopeVersion,
                         const std::vector<SpanData>& spans);
/// Delta sums (monotonic), an explicit-bucket histogram, gauges.
std::string encodeMetrics(const Resource& resource, const std::string& scopeVersion, const MetricsBatch& batch);

/// A response's partialSuccess: rejected items (rejectedSpans or
/// rejectedDataPoints) and the server's message. Empty or malformed bodies
/// count as full success.
struct PartialSuccess {
  int64_t rejected = 0;
  std::string message;
};
PartialSuccess readPartialSuccess(std::string_view body);

}  // namespace mfx::otel
