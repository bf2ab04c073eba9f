// What a job left, beyond MultiFlexi's API: GET /job/{jobId}/output (the
// stored stdout/stderr chunks after `offset`, a chunk sequence number, with
// the offset to ask from next), GET /job/{jobId}/follow (Server-Sent Events:
// the chunks from Last-Event-ID or `offset`, then new ones as the store gets
// them, polled every 250 ms, until the job ends: an "end" event with its
// status, outcome and exit code), GET /job/{jobId}/artifacts and GET
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
