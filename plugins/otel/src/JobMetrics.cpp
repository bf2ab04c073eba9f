#include "JobMetrics.h"

#include <multiflexi/mfx_plugin.h>

#include <algorithm>

namespace mfx::otel {
namespace {

using nlohmann::json;

std::string keyOf(const Attributes& attrs) {
  std::string key;
  for (const auto& [name, value] : attrs) {
    key += name;
    key += '=';
    if (const auto* s = std::get_if<std::string>(&value))
      key += *s;
    else if (const auto* i = std::get_if<int64_t>(&value))
      key += std::to_string(*i);
    key += '\x1f';
  }
  return key;
}

}  // namespace

Attributes JobMetrics::attributeSet(const Event& ev, const json& a, bool withExitCode) {
  // MultiFlexi's attribute set, nothing more (bounded cardinality).
  Attributes out;
  auto integer = [&](const char* key, int64_t fallback) {
    auto it = a.find(key);
    return it != a.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
  };
  auto text = [&](const char* key) {
    auto it = a.find(key);
    if (it != a.end() && it->is_string()) out.emplace_back(key, it->get<std::string>());
  };
  if (auto id = integer("app_id", 0); id > 0) out.emplace_back("app_id", id);
  text("app_name");
  out.emplace_back("company_id", integer("company_id", ev.companyId));
  text("company_name");
  out.emplace_back("runtemplate_id", integer("runtemplate_id", ev.runtemplateId));
  text("runtemplate_name");
  if (withExitCode) {
    const int64_t code = integer("exitcode", ev.exitCode);
    if (code >= 0) out.emplace_back("exitcode", code);
  }
  return out;
}

void JobMetrics::add(std::map<Key, CounterPoint>& into, const Attributes& attrs) {
  CounterPoint& p = into[keyOf(attrs)];
  if (p.value == 0) p.attributes = attrs;
  ++p.value;
}

void JobMetrics::onEvent(const Event& ev, const json& a) {
  switch (ev.kind) {
    case MFX_EV_STARTED: add(_total, attributeSet(ev, a, false)); break;
    case MFX_EV_FINISHED: {
      const Attributes attrs = attributeSet(ev, a, true);
      auto outcome = a.find("outcome");
      const bool success = outcome != a.end() && outcome->is_string() ? *outcome == "success" : ev.exitCode == 0;
      add(success ? _success : _failed, attrs);
      const double seconds = static_cast<double>(std::max<int64_t>(ev.durationMs, 0)) / 1000.0;
      auto& [hAttrs, h] = _duration[keyOf(attrs)];
      if (h.count == 0) {
        hAttrs = attrs;
        h.min = h.max = seconds;
      }
      ++h.count;
      h.sum += seconds;
      h.min = std::min(h.min, seconds);
      h.max = std::max(h.max, seconds);
      const auto bucket = std::lower_bound(kDurationBounds.begin(), kDurationBounds.end(), seconds);
      ++h.buckets[static_cast<std::size_t>(bucket - kDurationBounds.begin())];
      break;
    }
    case MFX_EV_FAILED_TO_START:
    case MFX_EV_LOST: add(_failed, attributeSet(ev, a, true)); break;
    case MFX_EV_HEARTBEAT: {
      _gauges.clear();
      static const std::pair<const char*, const char*> kGauges[] = {
          {"jobs_running", "multiflexi.jobs.running"},
          {"applications", "multiflexi.applications.total"},
          {"companies", "multiflexi.companies.total"},
          {"runtemplates", "multiflexi.runtemplates.total"}};
      for (const auto& [key, name] : kGauges) {
        auto it = a.find(key);
        if (it != a.end() && it->is_number_integer()) _gauges.push_back({name, it->get<int64_t>()});
      }
      _gaugeTimeNs = ev.timestampMs * 1000000;
      break;
    }
    default: break;
  }
}

MetricsBatch JobMetrics::collect(int64_t nowNs) {
  MetricsBatch b;
  b.startNs = _intervalStartNs;
  b.timeNs = nowNs;
  for (auto [from, to] : {std::pair{&_total, &b.total}, std::pair{&_success, &b.success},
                           std::pair{&_failed, &b.failed}}) {
    for (auto& [k, p] : *from) to->push_back(std::move(p));
    from->clear();
  }
  for (auto& [k, v] : _duration) {
    auto& [attrs, h] = v;
    b.duration.push_back({std::move(attrs), h.count, h.sum, h.min, h.max, std::move(h.buckets)});
  }
  _duration.clear();
  b.gauges = std::move(_gauges);
  _gauges.clear();
  b.gaugeTimeNs = _gaugeTimeNs;
  _intervalStartNs = nowNs;
  return b;
}

}  // namespace mfx::otel
