#include "api/JobOutputRoutes.h"

#include "api/Access.h"
#include "api/ApiInput.h"
#include "api/ApiJson.h"
#include "api/Paging.h"
#include "catalog/JobCatalog.h"
#include "common/Clock.h"
#include "common/Exceptions.h"

#include <ostream>
#include <thread>

namespace MultiFlexi {

namespace {
std::string missingJob(int64_t id) { return "no job with id " + std::to_string(id); }

Job visibleJob(Catalog& catalog, const ApiRequest& request, int64_t id) {
  std::optional<Job> job;
  try {
    job = catalog.jobs().get(id);
  } catch (const NotFoundException&) {
    throw NotFoundException(missingJob(id));
  }
  requireRole(request, job->companyId, CompanyRole::Viewer, missingJob(id), "jobId");
  return *job;
}

// Output is any bytes; JSON text must be UTF-8: invalid sequences become U+FFFD.
std::string utf8(const std::string& bytes) {
  return OrderedJson::parse(OrderedJson(bytes).dump(-1, ' ', false, OrderedJson::error_handler_t::replace))
      .get<std::string>();
}

const char* streamName(int stream) { return stream == 2 ? "stderr" : "stdout"; }

bool ended(JobState state) { return state != JobState::Pending && state != JobState::Running; }

// A byte offset into the job's output; `field` names where it came from.
int64_t byteOffset(const std::string& field, const std::string& text) {
  ApiRequest asQuery;
  asQuery.query[field] = text;
  const int64_t offset = *queryInteger(asQuery, field);
  if (offset < 0) throw ValidationException(field, "must be a byte offset: 0 (the start) or more");
  return offset;
}

// Where to start: Last-Event-ID (a reconnecting EventSource), else `offset`, else the beginning.
int64_t startAt(const ApiRequest& request) {
  auto last = request.headers.find("Last-Event-ID");
  if (last != request.headers.end() && !last->second.empty()) return byteOffset("Last-Event-ID", last->second);
  auto offset = request.query.find("offset");
  return offset == request.query.end() ? 0 : byteOffset("offset", offset->second);
}

// The byte offset after a chunk: the one to ask from next.
int64_t endOf(const OutputChunk& chunk) { return chunk.offset + static_cast<int64_t>(chunk.bytes.size()); }

ApiResponse output(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "jobId");
  visibleJob(catalog, request, id);
  auto offset = request.query.find("offset");
  const int64_t from = offset == request.query.end() ? 0 : byteOffset("offset", offset->second);
  ApiResponse response;
  response.body = {{"offset", from}, {"next_offset", from}, {"chunks", OrderedJson::array()}};
  for (const OutputChunk& chunk : catalog.jobs().outputFrom(id, from)) {
    response.body["chunks"].push_back({{"offset", chunk.offset},
                                       {"seq", chunk.seq},
                                       {"stream", streamName(chunk.stream)},
                                       {"text", utf8(chunk.bytes)}});
    response.body["next_offset"] = endOf(chunk);
  }
  return response;
}

// One SSE event; each line of `data` its own "data:" line (a CR or LF in it cannot end the event).
void writeEvent(std::ostream& out, const std::optional<int64_t>& id, const std::string& event, const std::string& data) {
  if (id) out << "id: " << *id << "\n";
  out << "event: " << event << "\n";
  std::size_t from = 0;
  for (;;) {
    const std::size_t end = data.find_first_of("\r\n", from);
    out << "data: " << data.substr(from, end == std::string::npos ? std::string::npos : end - from) << "\n";
    if (end == std::string::npos) break;
    from = end + (data.compare(end, 2, "\r\n") == 0 ? 2 : 1);
  }
  out << "\n";
}

ApiResponse follow(Catalog& catalog, const ApiRequest& request, std::chrono::milliseconds pollEvery,
                   std::chrono::milliseconds keepAliveEvery) {
  const int64_t id = pathId(request, "jobId");
  visibleJob(catalog, request, id);
  const int64_t start = startAt(request);
  ApiResponse response;
  response.contentType = "text/event-stream";
  response.headers["Cache-Control"] = "no-cache";
  // A stream does not outlive the token that opened it.
  const std::optional<Instant> expires = callerOf(request).credentialExpiresAt;
  response.stream = [&catalog, id, start, pollEvery, keepAliveEvery, expires,
                     over = request.streamOver](std::ostream& out) {
    int64_t next = start;  // the byte offset to read from; each event's id is the one after it
    out << "retry: 3000\n\n";  // an EventSource reconnects (with Last-Event-ID) 3 s after the stream ends
    auto quietSince = std::chrono::steady_clock::now();
    for (;;) {
      // The state first: output stored before the job ended is read below.
      const Job job = catalog.jobs().get(id);
      const auto chunks = catalog.jobs().outputFrom(id, next);
      for (const OutputChunk& chunk : chunks) {
        next = endOf(chunk);
        writeEvent(out, next, streamName(chunk.stream), utf8(chunk.bytes));
      }
      if (ended(job.state)) {
        OrderedJson end = {{"status", jobStateName(job.state)}};
        if (job.outcome) end["outcome"] = *job.outcome;
        if (job.exitCode) end["exitcode"] = *job.exitCode;
        writeEvent(out, std::nullopt, "end", end.dump());
        out.flush();
        return;
      }
      const auto now = std::chrono::steady_clock::now();
      if (!chunks.empty()) {
        quietSince = now;
      } else if (now - quietSince >= keepAliveEvery) {
        out << ": keep-alive\n\n";
        quietSince = now;
      }
      out.flush();
      if (!out) return;  // the client went away
      if (over && over()) return;  // its time is up or the server stops: ends cleanly, the client comes back
      if (expires && nowMs() >= *expires) return;
      std::this_thread::sleep_for(pollEvery);
    }
  };
  return response;
}

ApiResponse artifacts(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "jobId");
  visibleJob(catalog, request, id);
  const Page page = pageOf(request, {{"id", "id"}});
  if (page.order && page.order->descending)
    throw ValidationException("order", "artifacts are listed by ascending id only (use id)");
  ApiResponse response;
  response.body = OrderedJson::array();
  for (const Artifact& a : catalog.jobs().artifacts(id, page.limit, page.offset))
    response.body.push_back(artifactApiJson(a));
  return response;
}

// A stored content type when it is a plain "type/subtype[; params]", else octet-stream.
std::string safeContentType(const std::string& type) {
  const bool plain = !type.empty() && type.size() < 256 && type.find('/') != std::string::npos &&
                     type.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                            "!#$&^_.+-/;= ") == std::string::npos;
  return plain ? type : "application/octet-stream";
}

ApiResponse artifact(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "artifactId");
  const std::string missing = "no artifact with id " + std::to_string(id);
  std::optional<Artifact> found;
  try {
    found = catalog.jobs().artifact(id);
    const Job job = catalog.jobs().get(found->jobId);
    requireRole(request, job.companyId, CompanyRole::Viewer, missing, "artifactId");
  } catch (const NotFoundException&) {
    throw NotFoundException(missing);
  }
  ApiResponse response;
  response.raw = found->content;
  response.contentType = safeContentType(found->contentType);
  response.headers["Content-Disposition"] = "attachment; filename=\"" + dispositionFilename(found->filename) + "\"";
  response.headers["X-Content-Type-Options"] = "nosniff";
  return response;
}
}  // namespace

std::string dispositionFilename(const std::string& name) {
  const std::size_t slash = name.find_last_of("/\\");
  std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
  for (char& c : base) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '_' || c == '-';
    if (!keep) c = '_';
  }
  if (base.size() > 200) base.erase(0, base.size() - 200);
  if (base.empty() || base == "." || base == "..") base = "artifact";
  return base;
}

std::vector<ApiRoute> jobOutputRoutes(std::chrono::milliseconds pollEvery, std::chrono::milliseconds keepAliveEvery) {
  return {
      {"GET", "/job/{jobId}/output", true, true,
       "A job's stored output from byte offset (stdout and stderr as one stream in order), with next_offset", output},
      {"GET", "/job/{jobId}/follow", false, true,
       "A job's output as Server-Sent Events until it ends, from byte offset or Last-Event-ID (each id the next offset)",
       [pollEvery, keepAliveEvery](Catalog& catalog, const ApiRequest& request) {
         return follow(catalog, request, pollEvery, keepAliveEvery);
       }},
      {"GET", "/job/{jobId}/artifacts", true, true, "The files a job left", artifacts},
      {"GET", "/artifact/{artifactId}", false, true, "Download one artifact", artifact},
  };
}

}  // namespace MultiFlexi
