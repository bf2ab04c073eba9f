// Job events as the host sends them (sdk/README.md "Monitor events"), for
// mfx_otel's tests.
#pragma once

#include "OtelTypes.h"

#include <multiflexi/mfx_testing.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace mfx::otel::testing {

inline const std::string kTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
inline const std::string kSpanId = "00f067aa0ba902b7";
inline const std::string kRunSpanId = "b7ad6b7169203331";

/// The attributes every event of job 42 carries.
inline nlohmann::json jobAttributes(const std::string& phase) {
  return {{"phase", phase},          {"job_id", 42},
          {"app_id", 7},             {"app_name", "Bank import"},
          {"app_uuid", "9f1c2d3e-0000-4000-8000-000000000001"},
          {"company_id", 3},         {"company_name", "Acme s.r.o."},
          {"company_code", "ACME"},  {"runtemplate_id", 11},
          {"runtemplate_name", "Daily import"},
          {"executor", "native"},    {"schedule_type", "daily"},
          {"scheduled", "2026-12-07T10:00:00.000Z"},
          {"trace_id", kTraceId},    {"span_id", kSpanId},
          {"run_span_id", kRunSpanId}, {"host", "box"}};
}

/// Event `kind` of job 42 at `isoTime` with `extra` attributes merged in.
inline mfx::testing::TestJobEvent jobEvent(int32_t kind, const std::string& phase, int64_t timestampMs,
                                           const nlohmann::json& extra = nlohmann::json::object()) {
  nlohmann::json a = jobAttributes(phase);
  a.update(extra);
  mfx::testing::TestJobEvent ev;
  ev.kind = kind;
  ev.companyId = 3;
  ev.jobId = 42;
  ev.runtemplateId = 11;
  ev.timestampMs = timestampMs;
  ev.attributesJson = a.dump();
  return ev;
}

/// 2026-12-07T10:00:00Z and offsets from it, in ms.
inline constexpr int64_t kScheduledMs = 1796637600000;

/// The event as the plugin copies it out of the host's.
inline Event toEvent(const mfx::testing::TestJobEvent& t) {
  Event e;
  e.kind = t.kind;
  e.companyId = t.companyId;
  e.jobId = t.jobId;
  e.runtemplateId = t.runtemplateId;
  e.executor = t.executorId;
  e.timestampMs = t.timestampMs;
  e.durationMs = t.durationMs;
  e.exitCode = t.exitCode;
  e.attributesJson = t.attributesJson;
  return e;
}

/// A span of job 42's trace from ns 1 to 2.
inline SpanData testSpan(const std::string& spanId, const std::string& parentSpanId = "") {
  SpanData s;
  s.traceId = kTraceId;
  s.spanId = spanId;
  s.parentSpanId = parentSpanId;
  s.name = parentSpanId.empty() ? "multiflexi.job" : "multiflexi.job.run";
  s.startNs = 1;
  s.endNs = 2;
  return s;
}

}  // namespace mfx::otel::testing
