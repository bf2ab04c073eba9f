// The W3C trace of a job: its trace id, the job's span (from its slot or
// claim to its end) and the process run's span (a child of it). Derived
// from the job's id and creation time only (unkeyed BLAKE2b, one domain
// string per id), so every process — scheduler, executor, monitors — computes
// the same ids without storing them. Not secret: they are in the job's
// environment (TRACEPARENT) and in every monitor event.
#pragma once

#include "common/Clock.h"

#include <cstdint>
#include <string>

namespace MultiFlexi {

struct JobTrace {
  std::string traceId;    ///< 32 lowercase hex digits, never all zero
  std::string spanId;     ///< 16 lowercase hex digits, never all zero
  std::string runSpanId;  ///< 16 lowercase hex digits, never all zero

  /// "00-<traceId>-<runSpanId>-01" (sampled): the job's TRACEPARENT.
  std::string traceparent() const;
};

/// The trace of the job `jobId` created at `createdAt`.
JobTrace jobTrace(int64_t jobId, Instant createdAt);

}  // namespace MultiFlexi
