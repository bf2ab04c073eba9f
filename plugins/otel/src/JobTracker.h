// Builds each job's two spans (the job from its slot or claim to its end,
// and the process run as its child) from the job's events, with the ids the
// host computed (trace_id, span_id, run_span_id; sdk/README.md "Monitor
// events"). Jobs seen but not ended are kept in a bounded map; when it is
// full the oldest job is forgotten and counted.
// THREADS: not thread-safe; used by the exporter thread only.
#pragma once

#include "OtelTypes.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>

namespace mfx::otel {

class JobTracker {
 public:
  explicit JobTracker(std::size_t maxOpenJobs) : _maxOpen(maxOpenJobs) {}

  /// Consumes a job event (attributes already parsed, an object) and
  /// returns the spans it completes: none, or the job span followed by the
  /// run span when the process ran. End kinds are FINISHED,
  /// FAILED_TO_START, CANCELLED and LOST.
  std::vector<SpanData> onEvent(const Event& ev, const nlohmann::json& attributes);

  std::size_t openJobs() const { return _open.size(); }
  /// Jobs forgotten because the map was full.
  uint64_t evicted() const { return _evicted; }
  /// Ended jobs whose ids were missing or malformed (no span built).
  uint64_t withoutIds() const { return _withoutIds; }

 private:
  struct OpenJob {
    nlohmann::json attributes = nlohmann::json::object();
    std::optional<int64_t> scheduledNs;
    std::optional<int64_t> beginNs;
  };

  OpenJob& remember(int64_t jobId);

  std::size_t _maxOpen;
  std::map<int64_t, OpenJob> _open;  // job ids grow: begin() is the oldest
  uint64_t _evicted = 0;
  uint64_t _withoutIds = 0;
};

/// "2026-12-07T10:00:00.000Z" as Unix nanoseconds; nullopt if malformed.
std::optional<int64_t> parseRfc3339Ns(const std::string& text);

/// Whether text is exactly `digits` lowercase hex digits and not all zero.
bool isHexId(const std::string& text, std::size_t digits);

}  // namespace mfx::otel
