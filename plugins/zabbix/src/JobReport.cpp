#include "JobReport.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace mfx::zabbix {

namespace {

using nlohmann::json;

std::string text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::string stringAttr(const json& report, const char* name) {
  const auto it = report.find(name);
  return it != report.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The report MultiFlexi sends: the host's attributes, completed from the
// event's own fields where the host left them out.
json reportOf(const JobEventView& event) {
  const std::string_view raw = event.attributesJson();
  json report = raw.empty() ? json::object() : json::parse(raw, nullptr, false);
  if (report.is_discarded() || !report.is_object())
    throw std::invalid_argument("attributes_json is not a JSON object");
  if (!report.contains("phase")) report["phase"] = JobReport::phaseOf(event.kind());
  if (!report.contains("job_id")) report["job_id"] = event.scope().jobId;
  if (!report.contains("company_id")) report["company_id"] = event.scope().companyId;
  if (!report.contains("runtemplate_id")) report["runtemplate_id"] = event.runtemplateId();
  if (event.kind() == MFX_EV_FINISHED && !report.contains("exitcode") && event.exitCode() >= 0)
    report["exitcode"] = event.exitCode();
  return report;
}

// One LLD row: every field as an LLD macro {#FIELD} (string value) and, for
// templates using LLD macro paths ($.FIELD), as the upper-cased plain key.
json lldRow(const json& report) {
  json row = json::object();
  for (const auto& [name, value] : report.items()) {
    if (name == "data") continue;  // the result file is no discovery material
    row["{#" + upper(name) + "}"] = text(value);
    row[upper(name)] = value;
  }
  const auto interval = report.find("interval_seconds");
  const long long seconds = interval != report.end() && interval->is_number_integer() ? interval->get<long long>() : 0;
  row["{#NODATA_SECONDS}"] = std::to_string(seconds > 0 ? 2 * seconds : 0);
  return json::array({row});
}

}  // namespace

JobReport::JobReport(std::string fallbackHost) : _fallbackHost(std::move(fallbackHost)) {}

const char* JobReport::phaseOf(int32_t kind) {
  switch (kind) {
    case MFX_EV_SCHEDULED: return "created";
    case MFX_EV_STARTED: return "jobStart";
    case MFX_EV_FINISHED: return "jobDone";
    case MFX_EV_FAILED_TO_START: return "failedToStart";
    case MFX_EV_CANCELLED: return "cancelled";
    case MFX_EV_LOST: return "lost";
    default: return "unknown";
  }
}

std::vector<Outgoing> JobReport::build(const JobEventView& event, std::chrono::system_clock::time_point now,
                                       std::string& skipped) {
  skipped.clear();
  const json report = reportOf(event);
  std::string host = stringAttr(report, "company_zabbix_host");
  if (host.empty()) host = _fallbackHost;

  SenderValue base;
  base.host = host;
  const int64_t ms = event.timestampMs() > 0
                         ? event.timestampMs()
                         : std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  base.clock = ms / 1000;
  base.ns = static_cast<int32_t>((ms % 1000) * 1000000);

  const std::string company = stringAttr(report, "company_code");
  const std::string app = stringAttr(report, "app_code");
  const auto rt = report.find("runtemplate_id");
  std::string key;
  if (company.empty() || app.empty())
    skipped = "the event has no company_code or app_code";
  else
    key = "job-[" + company + "-" + app + "-" + text(*rt) + "]";

  std::vector<Outgoing> out;
  const std::string announcedAs = host + '\n' + key;
  auto known = _announced.find(announcedAs);
  if (event.kind() == MFX_EV_SCHEDULED || (!key.empty() && known == _announced.end())) {
    SenderValue lld = base;
    lld.key = "multiflexi.job.lld";
    lld.value = lldRow(report).dump(-1, ' ', false, json::error_handler_t::replace);
    out.push_back({std::move(lld), false});
    if (!key.empty() && known == _announced.end()) {
      if (_announced.size() >= kMaxAnnounced) _announced.clear();
      known = _announced.emplace(announcedAs, Template{now, 0}).first;
    }
  }
  if (event.kind() != MFX_EV_SCHEDULED && !key.empty()) {
    SenderValue item = base;
    item.key = key;
    item.value = report.dump(-1, ' ', false, json::error_handler_t::replace);
    // A job that ends in the millisecond it started must not overwrite its start.
    const int64_t at = std::max(item.clock * 1000000000 + item.ns, known->second.lastNs + 1);
    known->second.lastNs = at;
    item.clock = at / 1000000000;
    item.ns = static_cast<int32_t>(at % 1000000000);
    out.push_back({std::move(item), now - known->second.announced < kFreshWindow});
  }
  return out;
}

}  // namespace mfx::zabbix
