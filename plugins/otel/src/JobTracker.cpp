#include "JobTracker.h"

#include <multiflexi/mfx_plugin.h>

#include <algorithm>
#include <cctype>
#include <ctime>

namespace mfx::otel {
namespace {

using nlohmann::json;

bool isEnd(int32_t kind) {
  return kind == MFX_EV_FINISHED || kind == MFX_EV_FAILED_TO_START || kind == MFX_EV_CANCELLED ||
         kind == MFX_EV_LOST;
}

std::optional<std::string> text(const json& a, const char* key) {
  auto it = a.find(key);
  if (it == a.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<int64_t> integer(const json& a, const char* key) {
  auto it = a.find(key);
  if (it == a.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

std::optional<int64_t> timeNs(const json& a, const char* key) {
  auto t = text(a, key);
  return t ? parseRfc3339Ns(*t) : std::nullopt;
}

std::string outcomeOf(const Event& ev, const json& a, std::optional<int64_t> exitCode) {
  if (auto o = text(a, "outcome")) return *o;
  switch (ev.kind) {
    case MFX_EV_FAILED_TO_START: return "failed_to_start";
    case MFX_EV_CANCELLED: return "cancelled";
    case MFX_EV_LOST: return "lost";
    default: return exitCode && *exitCode == 0 ? "success" : "failed";
  }
}

void put(Attributes& out, const char* name, const std::optional<std::string>& v) {
  if (v) out.emplace_back(name, *v);
}
void put(Attributes& out, const char* name, const std::optional<int64_t>& v) {
  if (v) out.emplace_back(name, *v);
}

Attributes spanAttributes(const Event& ev, const json& a, const std::string& outcome,
                          std::optional<int64_t> exitCode) {
  Attributes out;
  out.emplace_back("multiflexi.job.id", ev.jobId);
  put(out, "multiflexi.company.id", integer(a, "company_id").value_or(ev.companyId));
  put(out, "multiflexi.company.code", text(a, "company_code"));
  put(out, "multiflexi.company.name", text(a, "company_name"));
  put(out, "multiflexi.runtemplate.id", integer(a, "runtemplate_id").value_or(ev.runtemplateId));
  put(out, "multiflexi.runtemplate.name", text(a, "runtemplate_name"));
  put(out, "multiflexi.app.id", integer(a, "app_id"));
  put(out, "multiflexi.app.name", text(a, "app_name"));
  put(out, "multiflexi.app.uuid", text(a, "app_uuid"));
  put(out, "multiflexi.executor", text(a, "executor").value_or(ev.executor));
  put(out, "multiflexi.schedule_type", text(a, "schedule_type"));
  out.emplace_back("multiflexi.job.outcome", outcome);
  put(out, "process.exit.code", exitCode);
  return out;
}

}  // namespace

std::optional<int64_t> parseRfc3339Ns(const std::string& t) {
  // YYYY-MM-DDTHH:MM:SS[.fraction]Z, UTC only (the host writes Z).
  if (t.size() < 20 || t.size() > 40 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != 't') ||
      t[13] != ':' || t[16] != ':' || (t.back() != 'Z' && t.back() != 'z'))
    return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n) -> int {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(5, 2) - 1;
  tm.tm_mday = num(8, 2);
  tm.tm_hour = num(11, 2);
  tm.tm_min = num(14, 2);
  tm.tm_sec = num(17, 2);
  if (tm.tm_year < 0 || tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour < 0 ||
      tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 || tm.tm_sec > 60)
    return std::nullopt;
  int64_t fracNs = 0;
  std::size_t i = 19;
  if (t[i] == '.') {
    int64_t scale = 100000000;
    for (++i; i + 1 < t.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) return std::nullopt;
      fracNs += (t[i] - '0') * scale;
      scale /= 10;
    }
  }
  if (i != t.size() - 1) return std::nullopt;
  const std::time_t secs = timegm(&tm);
  return static_cast<int64_t>(secs) * 1000000000 + fracNs;
}

bool isHexId(const std::string& s, std::size_t digits) {
  if (s.size() != digits) return false;
  bool nonZero = false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    nonZero = nonZero || c != '0';
  }
  return nonZero;
}

JobTracker::OpenJob& JobTracker::remember(int64_t jobId) {
  auto it = _open.find(jobId);
  if (it != _open.end()) return it->second;
  if (_open.size() >= _maxOpen) {
    _open.erase(_open.begin());
    ++_evicted;
  }
  return _open[jobId];
}

std::vector<SpanData> JobTracker::onEvent(const Event& ev, const json& attributes) {
  if (ev.kind == MFX_EV_HEARTBEAT || ev.jobId <= 0) return {};
  const int64_t eventNs = ev.timestampMs * 1000000;
  if (!isEnd(ev.kind)) {
    OpenJob& job = remember(ev.jobId);
    job.attributes.update(attributes);
    if (ev.kind == MFX_EV_SCHEDULED)
      job.scheduledNs = timeNs(attributes, "scheduled").value_or(eventNs);
    if (ev.kind == MFX_EV_STARTED) job.beginNs = timeNs(attributes, "begin").value_or(eventNs);
    return {};
  }

  OpenJob job;
  if (auto it = _open.find(ev.jobId); it != _open.end()) {
    job = std::move(it->second);
    _open.erase(it);
  }
  job.attributes.update(attributes);
  const json& a = job.attributes;
  const std::string traceId = text(a, "trace_id").value_or("");
  const std::string spanId = text(a, "span_id").value_or("");
  const std::string runSpanId = text(a, "run_span_id").value_or("");
  if (!isHexId(traceId, 32) || !isHexId(spanId, 16) || !isHexId(runSpanId, 16)) {
    ++_withoutIds;
    return {};
  }

  std::optional<int64_t> exitCode = integer(a, "exitcode");
  if (!exitCode && ev.kind == MFX_EV_FINISHED && ev.exitCode >= 0) exitCode = ev.exitCode;
  const std::string outcome = outcomeOf(ev, a, exitCode);
  const int64_t endNs = timeNs(a, "end").value_or(eventNs);
  std::optional<int64_t> beginNs = timeNs(a, "begin");
  if (!beginNs) beginNs = job.beginNs;
  int64_t startNs = timeNs(a, "scheduled").value_or(job.scheduledNs.value_or(beginNs.value_or(endNs)));
  if (beginNs && *beginNs < startNs) startNs = *beginNs;
  if (startNs > endNs) startNs = endNs;

  SpanData jobSpan;
  jobSpan.traceId = traceId;
  jobSpan.spanId = spanId;
  jobSpan.name = "multiflexi.job";
  jobSpan.startNs = startNs;
  jobSpan.endNs = endNs;
  jobSpan.attributes = spanAttributes(ev, a, outcome, exitCode);
  if (outcome == "success") {
    jobSpan.status = SpanStatus::Ok;
  } else {
    jobSpan.status = SpanStatus::Error;
    jobSpan.statusMessage = "job " + outcome;
    if (exitCode) {
      jobSpan.statusMessage += ", exit code " + std::to_string(*exitCode);
      if (auto d = text(a, "exitcode_description")) jobSpan.statusMessage += " (" + *d + ")";
    }
  }
  std::vector<SpanData> spans{jobSpan};
  if (beginNs) {
    SpanData run = jobSpan;
    run.spanId = runSpanId;
    run.parentSpanId = spanId;
    run.name = "multiflexi.job.run";
    run.startNs = std::min(*beginNs, endNs);
    if (auto pid = integer(a, "pid")) run.attributes.emplace_back("process.pid", *pid);
    spans.push_back(std::move(run));
  }
  return spans;
}

}  // namespace mfx::otel
