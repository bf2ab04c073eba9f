#include "monitor/JobReport.h"

#include "common/Json.h"
#include "domain/JobTrace.h"
#include "manifest/ManifestCodec.h"

#include <algorithm>
#include <filesystem>

namespace MultiFlexi {

namespace {

constexpr std::size_t kMaxData = 64 << 10;

bool isEnd(int32_t kind) {
  return kind == MFX_EV_FINISHED || kind == MFX_EV_FAILED_TO_START || kind == MFX_EV_CANCELLED || kind == MFX_EV_LOST;
}

}  // namespace

const char* phaseOf(int32_t kind) {
  switch (kind) {
    case MFX_EV_SCHEDULED: return "created";
    case MFX_EV_STARTED: return "jobStart";
    case MFX_EV_FINISHED: return "jobDone";
    case MFX_EV_FAILED_TO_START: return "failedToStart";
    case MFX_EV_CANCELLED: return "cancelled";
    case MFX_EV_LOST: return "lost";
    default: return "heartbeat";
  }
}

int32_t endKindOf(const std::string& recordedOutcome, JobState state) {
  if (recordedOutcome == "launch_failed") return MFX_EV_FAILED_TO_START;
  if (state == JobState::Cancelled || recordedOutcome == "cancelled") return MFX_EV_CANCELLED;
  if (state == JobState::Lost || recordedOutcome == "lost") return MFX_EV_LOST;
  return MFX_EV_FINISHED;
}

std::string reportedOutcome(const std::string& recordedOutcome, JobState state) {
  if (recordedOutcome == "launch_failed") return "failed_to_start";
  if (recordedOutcome == "timed_out") return "timed_out";
  switch (state) {
    case JobState::Success: return "success";
    case JobState::Cancelled: return "cancelled";
    case JobState::Lost: return "lost";
    default: return "failed";
  }
}

std::string exitCodeDescription(const Application* app, int64_t exitCode) {
  if (app != nullptr)
    for (const ExitCodeSpec& spec : app->exitCodes)
      if (spec.code == exitCode) {
        const std::string text = localizedDefault(spec.descriptionJson);
        if (!text.empty()) return text;
      }
  return "Undocumented";
}

int64_t intervalSeconds(char interval) {
  switch (interval) {
    case 'i': return 60;
    case 'h': return 3'600;
    case 'd': return 86'400;
    case 'w': return 604'800;
    case 'm': return 2'592'000;   // 30 days
    case 'y': return 31'536'000;  // 365 days
    default: return 0;            // n (on demand) and c (cron)
  }
}

MonitorEvent jobReport(const JobReportInput& in) {
  const Job& job = *in.job;
  MonitorEvent ev;
  ev.kind = in.kind;
  ev.companyId = job.companyId;
  ev.jobId = job.id;
  ev.runtemplateId = job.runtemplateId.value_or(0);
  ev.executorId = job.executor;
  ev.timestampMs = in.at;
  OrderedJson a = OrderedJson::object();
  a["phase"] = phaseOf(in.kind);
  a["job_id"] = job.id;
  a["app_id"] = job.appId;
  a["company_id"] = job.companyId;
  if (job.runtemplateId) a["runtemplate_id"] = *job.runtemplateId;
  if (in.app) {
    a["app_name"] = in.app->name;
    if (in.app->uuid) {
      a["app_uuid"] = *in.app->uuid;
      ev.appUuid = *in.app->uuid;
    }
    const std::string code = std::filesystem::path(in.app->executable).filename().string();
    if (!code.empty()) a["app_code"] = code;
  }
  if (in.company) {
    a["company_name"] = in.company->name;
    a["company_code"] = in.company->slug;
    if (in.company->zabbixHost && !in.company->zabbixHost->empty())
      a["company_zabbix_host"] = *in.company->zabbixHost;
  }
  if (in.runTemplate) {
    a["runtemplate_name"] = in.runTemplate->name;
    a["interval"] = in.runTemplate->interval == 'c' ? in.runTemplate->cron.value_or("")
                                                    : std::string(1, in.runTemplate->interval);
    a["interval_seconds"] = intervalSeconds(in.runTemplate->interval);
  }
  a["executor"] = job.executor;
  a["schedule_type"] = job.scheduleType;
  if (job.slot)
    a["launched_by"] = "cron";
  else if (job.launchedBy)
    a["launched_by"] = *job.launchedBy;
  a["scheduled"] = formatInstant(job.scheduledFor);
  if (job.beginAt) a["begin"] = formatInstant(*job.beginAt);
  if (isEnd(in.kind)) {
    if (job.endAt) a["end"] = formatInstant(*job.endAt);
    a["outcome"] = reportedOutcome(job.outcome.value_or(""), job.state);
    if (job.exitCode) {
      a["exitcode"] = *job.exitCode;
      a["exitcode_description"] = exitCodeDescription(in.app, *job.exitCode);
      ev.exitCode = static_cast<int32_t>(*job.exitCode);
    }
    if (job.beginAt && job.endAt) ev.durationMs = std::max<int64_t>(*job.endAt - *job.beginAt, 0);
    if (job.message && !job.message->empty()) a["message"] = *job.message;
  }
  if (job.appVersion)
    a["version"] = *job.appVersion;
  else if (in.app && in.app->version)
    a["version"] = *in.app->version;
  if (job.pid) a["pid"] = *job.pid;
  if (!in.resultFile.empty()) a["result_file"] = in.resultFile;
  if (isEnd(in.kind) && in.resultData && in.resultData->size() <= kMaxData) a["data"] = *in.resultData;
  const JobTrace trace = jobTrace(job.id, job.createdAt);
  a["trace_id"] = trace.traceId;
  a["span_id"] = trace.spanId;
  a["run_span_id"] = trace.runSpanId;
  if (!in.host.empty()) a["host"] = in.host;
  ev.attributesJson = a.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
  return ev;
}

}  // namespace MultiFlexi
