#include "OtlpJson.h"

#include <nlohmann/json.hpp>

namespace mfx::otel {
namespace {

using nlohmann::json;

json anyValue(const AttrValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return {{"stringValue", *s}};
  if (const auto* i = std::get_if<int64_t>(&v)) return {{"intValue", std::to_string(*i)}};
  if (const auto* d = std::get_if<double>(&v)) return {{"doubleValue", *d}};
  return {{"boolValue", std::get<bool>(v)}};
}

json keyValues(const Attributes& attrs) {
  json out = json::array();
  for (const auto& [k, v] : attrs) out.push_back({{"key", k}, {"value", anyValue(v)}});
  return out;
}

json resourceJson(const Resource& r) {
  return {{"attributes", keyValues({{"service.name", r.serviceName},
                                    {"service.version", r.serviceVersion},
                                    {"host.name", r.hostName}})}};
}

json scopeJson(const std::string& version) { return {{"name", kScopeName}, {"version", version}}; }

std::string ns(int64_t v) { return std::to_string(v); }

// Encoded with replacement of invalid UTF-8 so a stray byte in a job's name
// never makes the whole export throw.
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json sumJson(const std::vector<CounterPoint>& points, const MetricsBatch& b) {
  json dps = json::array();
  for (const auto& p : points)
    dps.push_back({{"attributes", keyValues(p.attributes)},
                   {"startTimeUnixNano", ns(b.startNs)},
                   {"timeUnixNano", ns(b.timeNs)},
                   {"asInt", std::to_string(p.value)}});
  return {{"dataPoints", dps}, {"aggregationTemporality", 1}, {"isMonotonic", true}};
}

}  // namespace

std::string encodeTraces(const Resource& resource, const std::string& scopeVersion,
                         const std::vector<SpanData>& spans) {
  json list = json::array();
  for (const auto& s : spans) {
    json span = {{"traceId", s.traceId},
                 {"spanId", s.spanId},
                 {"name", s.name},
                 {"kind", 1},  // SPAN_KIND_INTERNAL
                 {"startTimeUnixNano", ns(s.startNs)},
                 {"endTimeUnixNano", ns(s.endNs)},
                 {"attributes", keyValues(s.attributes)},
                 {"status", {{"code", static_cast<int>(s.status)}}}};
    if (!s.parentSpanId.empty()) span["parentSpanId"] = s.parentSpanId;
    if (!s.statusMessage.empty()) span["status"]["message"] = s.statusMessage;
    list.push_back(std::move(span));
  }
  json body = {{"resourceSpans", json::array({{{"resource", resourceJson(resource)},
                                               {"scopeSpans", json::array({{{"scope", scopeJson(scopeVersion)},
                                                                            {"spans", list}}})}}})}};
  return dump(body);
}

std::string encodeMetrics(const Resource& resource, const std::string& scopeVersion, const MetricsBatch& b) {
  json metrics = json::array();
  auto counter = [&](const char* name, const char* description, const std::vector<CounterPoint>& points) {
    if (!points.empty())
      metrics.push_back({{"name", name}, {"description", description}, {"unit", "jobs"}, {"sum", sumJson(points, b)}});
  };
  counter("multiflexi.jobs.total", "Jobs started", b.total);
  counter("multiflexi.jobs.success", "Jobs that ended successfully", b.success);
  counter("multiflexi.jobs.failed", "Jobs that failed, failed to start or were lost", b.failed);
  if (!b.duration.empty()) {
    json dps = json::array();
    json bounds = json::array();
    for (double x : kDurationBounds) bounds.push_back(x);
    for (const auto& h : b.duration) {
      json buckets = json::array();
      for (uint64_t c : h.bucketCounts) buckets.push_back(std::to_string(c));
      dps.push_back({{"attributes", keyValues(h.attributes)},
                     {"startTimeUnixNano", ns(b.startNs)},
                     {"timeUnixNano", ns(b.timeNs)},
                     {"count", std::to_string(h.count)},
                     {"sum", h.sum},
                     {"min", h.min},
                     {"max", h.max},
                     {"bucketCounts", buckets},
                     {"explicitBounds", bounds}});
    }
    metrics.push_back({{"name", "multiflexi.job.duration"},
                       {"description", "Wall time of a job's run"},
                       {"unit", "s"},
                       {"histogram", {{"dataPoints", dps}, {"aggregationTemporality", 1}}}});
  }
  for (const auto& g : b.gauges)
    metrics.push_back({{"name", g.name},
                       {"unit", "{" + std::string(g.name == "multiflexi.jobs.running" ? "jobs" : "items") + "}"},
                       {"gauge",
                        {{"dataPoints", json::array({{{"timeUnixNano", ns(b.gaugeTimeNs)},
                                                      {"asInt", std::to_string(g.value)}}})}}}});
  json body = {{"resourceMetrics",
                json::array({{{"resource", resourceJson(resource)},
                              {"scopeMetrics", json::array({{{"scope", scopeJson(scopeVersion)},
                                                             {"metrics", metrics}}})}}})}};
  return dump(body);
}

PartialSuccess readPartialSuccess(std::string_view body) {
  PartialSuccess out;
  const json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (!j.is_object()) return out;
  auto ps = j.find("partialSuccess");
  if (ps == j.end() || !ps->is_object()) return out;
  for (const char* key : {"rejectedSpans", "rejectedDataPoints"}) {
    auto r = ps->find(key);
    if (r == ps->end()) continue;
    if (r->is_string()) {
      try {
        out.rejected = std::stoll(r->get<std::string>());
      } catch (const std::exception&) {
      }
    } else if (r->is_number_integer()) {
      out.rejected = r->get<int64_t>();
    }
  }
  auto m = ps->find("errorMessage");
  if (m != ps->end() && m->is_string()) out.message = m->get<std::string>().substr(0, 512);
  return out;
}

}  // namespace mfx::otel
