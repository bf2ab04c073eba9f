// What a job left, beyond MultiFlexi's API: GET /job/{jobId}/output (the
// stored output from byte `offset` on, with `next_offset`, the byte offset to
// ask from next), GET /job/{jobId}/follow (Server-Sent Events: the output
// from Last-Event-ID or `offset`, then new chunks as the store gets them,
// polled every 250 ms, until the job ends: an "end" event with its status,
// outcome and exit code). Offsets count bytes of one stream: stdout and
// stderr interleaved in the order the job wrote them, as `2>&1` would
// (offset N: what `tail -c +$((N+1))` of that prints); each chunk says
// which stream it came from. An offset inside a chunk gives the rest of that
// chunk (cut inside a UTF-8 sequence, its first bytes read as U+FFFD); one
// at or past the end gives no chunks. A follow event's id is the byte offset
// after its chunk, so a Last-Event-ID resumes exactly. Negative or
// non-integer offsets are a ValidationException naming `offset` or
// `Last-Event-ID`. GET /job/{jobId}/artifacts and GET
// /artifact/{artifactId} (the file as stored, with its content type and a
// sanitised Content-Disposition). A viewer of the job's company may read
// them all.
//
// Threads: a follow stream runs on the worker thread serving it, reading
// the store through the shared Catalog until the job ends or a write fails.
// It also ends, cleanly, when ApiRequest::streamOver says so (its lifetime
// is over, the server stops); it opens with `retry:`, so that an EventSource
// then reconnects with Last-Event-ID.
#pragma once

#include "api/ApiRoute.h"

#include <chrono>
#include <vector>

namespace MultiFlexi {

/// `pollEvery` is how often a follow stream looks for new output (tests
/// shorten it); `keepAliveEvery` how often it sends a comment to notice a
/// client that went away while the job is quiet.
std::vector<ApiRoute> jobOutputRoutes(std::chrono::milliseconds pollEvery = std::chrono::milliseconds(250),
                                      std::chrono::milliseconds keepAliveEvery = std::chrono::seconds(15));

/// `name` fit for a Content-Disposition filename: its last path component,
/// every byte outside [A-Za-z0-9._-] as '_', never empty, "." or "..".
std::string dispositionFilename(const std::string& name);

}  // namespace MultiFlexi
