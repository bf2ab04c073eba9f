#include "app/EntityJson.h"

#include "executor/SecretMasker.h"

#include "manifest/ManifestCodec.h"

namespace MultiFlexi {

namespace {
OrderedJson opt(const std::optional<std::string>& v) { return v ? OrderedJson(*v) : OrderedJson(); }
OrderedJson instant(const std::optional<Instant>& v) { return v ? OrderedJson(formatInstant(*v)) : OrderedJson(); }
OrderedJson opt(const std::optional<int64_t>& v) { return v ? OrderedJson(*v) : OrderedJson(); }
}  // namespace

OrderedJson applicationSummaryJson(const Application& a) {
  OrderedJson j;
  j["id"] = a.id;
  j["uuid"] = opt(a.uuid);
  j["name"] = a.name;
  j["version"] = opt(a.version);
  j["executable"] = a.executable;
  j["ociimage"] = opt(a.ociimage);
  j["requirements"] = a.requirements;
  j["tags"] = a.tags;
  j["enabled"] = a.enabled;
  j["created_at"] = instant(a.createdAt);
  j["updated_at"] = instant(a.updatedAt);
  return j;
}

OrderedJson applicationJson(const Application& a) {
  OrderedJson j = applicationSummaryJson(a);
  j["manifest"] = manifestFromApplication(a);
  return j;
}

OrderedJson companyJson(const Company& c) {
  OrderedJson j;
  j["id"] = c.id;
  j["name"] = c.name;
  j["slug"] = c.slug;
  j["ic"] = opt(c.ic);
  j["dic"] = opt(c.dic);
  j["email"] = opt(c.email);
  j["timezone"] = opt(c.timeZone);
  j["enabled"] = c.enabled;
  j["environment"] = OrderedJson::object();
  for (const auto& [k, v] : c.environment) j["environment"][k] = v;
  j["created_at"] = instant(c.createdAt);
  j["updated_at"] = instant(c.updatedAt);
  return j;
}

OrderedJson runTemplateJson(const RunTemplate& t) {
  OrderedJson j;
  j["id"] = t.id;
  j["name"] = t.name;
  j["app_id"] = t.appId;
  j["company_id"] = t.companyId;
  j["interv"] = std::string(1, t.interval);
  j["interval"] = Interval::name(t.interval);
  j["cron"] = opt(t.cron);
  j["delay"] = t.delaySeconds;
  j["timezone"] = opt(t.timeZone);
  j["executor"] = t.executor;
  j["active"] = t.active;
  j["misfire"] = misfireName(t.misfire);
  j["allow_overlap"] = t.allowOverlap;
  j["config"] = OrderedJson::object();
  for (const auto& [k, v] : t.config) j["config"][k] = t.secretConfig.count(k) ? SecretMasker::kMask : v;
  j["success_count"] = t.successCount;
  j["failure_count"] = t.failureCount;
  j["next_schedule"] = instant(t.nextSchedule);
  j["last_schedule"] = instant(t.lastSchedule);
  j["note"] = opt(t.note);
  j["created_at"] = instant(t.createdAt);
  j["updated_at"] = instant(t.updatedAt);
  return j;
}

OrderedJson jobJson(const Job& job) {
  OrderedJson j;
  j["id"] = job.id;
  j["runtemplate_id"] = opt(job.runtemplateId);
  j["company_id"] = job.companyId;
  j["app_id"] = job.appId;
  j["status"] = jobStateName(job.state);
  j["schedule_type"] = job.scheduleType;
  j["slot"] = instant(job.slot);
  j["scheduled_for"] = instant(job.scheduledFor);
  j["begin"] = instant(job.beginAt);
  j["end"] = instant(job.endAt);
  j["outcome"] = opt(job.outcome);
  j["exitcode"] = opt(job.exitCode);
  j["signal"] = opt(job.termSignal);
  j["message"] = opt(job.message);
  j["pid"] = opt(job.pid);
  j["executor"] = job.executor;
  j["launched_by"] = opt(job.launchedBy);
  j["command"] = opt(job.command);
  j["app_version"] = opt(job.appVersion);
  j["created_at"] = instant(job.createdAt);
  return j;
}

OrderedJson artifactJson(const Artifact& a) {
  OrderedJson j;
  j["id"] = a.id;
  j["job_id"] = a.jobId;
  j["filename"] = a.filename;
  j["content_type"] = a.contentType;
  j["size"] = a.size;
  j["note"] = opt(a.note);
  j["created_at"] = instant(a.createdAt);
  return j;
}

}  // namespace MultiFlexi
