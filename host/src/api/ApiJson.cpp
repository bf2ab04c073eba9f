#include "api/ApiJson.h"

#include "api/JsonFields.h"
#include "common/Clock.h"
#include "domain/Company.h"
#include "manifest/ManifestCodec.h"

namespace MultiFlexi {

namespace {
std::string commaList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}
}  // namespace

OrderedJson appApiJson(const Application& a) {
  OrderedJson j;
  j["id"] = a.id;
  j["enabled"] = a.enabled;
  setIf(j, "image", a.image);
  j["name"] = a.name;
  j["description"] = localizedDefault(a.descriptionJson);
  j["executable"] = a.executable;
  j["DatCreate"] = formatInstant(a.createdAt);
  j["DatUpdate"] = formatInstant(a.updatedAt);
  setIf(j, "setup", a.setup);
  setIf(j, "cmdparams", a.cmdparams);
  setIf(j, "deploy", a.deploy);
  setIf(j, "homepage", a.homepage);
  j["requirements"] = commaList(a.requirements);
  setIf(j, "ociimage", a.ociimage);
  setIf(j, "version", a.version);
  setIf(j, "uuid", a.uuid);
  j["tags"] = commaList(a.tags);
  return j;
}

OrderedJson jobApiJson(const Job& job) {
  OrderedJson j;
  j["id"] = job.id;
  j["app_id"] = job.appId;
  setInstantIf(j, "begin", job.beginAt);
  setInstantIf(j, "end", job.endAt);
  j["company_id"] = job.companyId;
  setIf(j, "exitcode", job.exitCode);
  setIf(j, "command", job.command);
  j["schedule"] = formatInstant(job.scheduledFor);
  j["executor"] = job.executor;
  setIf(j, "runtemplate_id", job.runtemplateId);
  setIf(j, "app_version", job.appVersion);
  // ours
  j["status"] = jobStateName(job.state);
  j["schedule_type"] = job.scheduleType;
  setIf(j, "outcome", job.outcome);
  setIf(j, "message", job.message);
  setIf(j, "launched_by_name", job.launchedBy);
  setInstantIf(j, "cancel_requested_at", job.cancelRequestedAt);
  setIf(j, "cancel_requested_by", job.cancelRequestedBy);
  j["created_at"] = formatInstant(job.createdAt);
  return j;
}

OrderedJson runTemplateApiJson(const RunTemplate& t) {
  OrderedJson j;
  j["id"] = t.id;
  j["app_id"] = t.appId;
  j["company_id"] = t.companyId;
  j["interv"] = std::string(1, t.interval);
  j["name"] = t.name;
  j["delay"] = t.delaySeconds;
  j["executor"] = t.executor;
  j["active"] = t.active;
  j["cron"] = nullable(t.cron);
  j["last_schedule"] = nullableInstant(t.lastSchedule);
  j["next_schedule"] = nullableInstant(t.nextSchedule);
  j["note"] = nullable(t.note);
  j["DatCreate"] = formatInstant(t.createdAt);
  j["DatSave"] = formatInstant(t.updatedAt);
  j["successfull_jobs_count"] = t.successCount;
  j["failed_jobs_count"] = t.failureCount;
  // ours
  j["timezone"] = nullable(t.timeZone);
  j["misfire"] = misfireName(t.misfire);
  j["allow_overlap"] = t.allowOverlap;
  setIf(j, "ociimage", t.ociimage);
  j["config"] = maskedValues(t.config, t.secretConfig, false);
  return j;
}

OrderedJson companyApiJson(const Company& c, bool revealEnvironment) {
  OrderedJson j;
  j["id"] = c.id;
  j["enabled"] = c.enabled;
  j["name"] = c.name;
  if (c.slug.size() <= 10) j["code"] = c.slug;  // MultiFlexi's code is at most 10 characters
  setIf(j, "ic", c.ic);
  j["DatCreate"] = formatInstant(c.createdAt);
  j["DatUpdate"] = formatInstant(c.updatedAt);
  setIf(j, "email", c.email);
  // ours
  j["slug"] = c.slug;
  setIf(j, "dic", c.dic);
  setIf(j, "timezone", c.timeZone);
  setIf(j, "zabbix_host", c.zabbixHost);
  j["environment"] = maskedValues(c.environment, revealEnvironment);
  return j;
}

namespace {
OrderedJson credentialShape(const Credential& c, bool reveal) {
  OrderedJson j;
  j["id"] = c.id;
  j["company_id"] = c.companyId;
  j["name"] = c.name;
  j["DatCreate"] = formatInstant(c.createdAt);
  j["DatUpdate"] = formatInstant(c.updatedAt);
  // ours
  j["credential_type_id"] = c.typeId;
  j["values"] = maskedValues(c.values, c.secretKeys, reveal);
  j["secret_fields"] = c.secretKeys;
  return j;
}
}  // namespace

OrderedJson credentialApiJson(const Credential& c) { return credentialShape(c, false); }

OrderedJson revealedCredentialApiJson(const Credential& c) { return credentialShape(c, true); }

OrderedJson credentialTypeApiJson(const CredentialType& t) {
  OrderedJson j;
  j["id"] = t.id;
  j["name"] = t.name;
  j["DatCreate"] = formatInstant(t.createdAt);
  j["DatUpdate"] = formatInstant(t.updatedAt);
  // ours
  j["company_id"] = t.companyId;
  setIf(j, "prototype_id", t.prototypeId);
  setIf(j, "plugin", t.pluginType);
  j["provides"] = t.provides;
  j["settings"] = maskedValues(t.settings, t.secretSettings, false);
  return j;
}

OrderedJson artifactApiJson(const Artifact& a) {
  OrderedJson j;
  j["id"] = a.id;
  j["job_id"] = a.jobId;
  j["filename"] = a.filename;
  j["content_type"] = a.contentType;
  j["size"] = a.size;
  setIf(j, "note", a.note);
  j["created_at"] = formatInstant(a.createdAt);
  return j;
}

OrderedJson statusApiJson(const std::string& databaseDriver, const std::string& daemon,
                          const std::optional<RecordCounts>& counts) {
  OrderedJson j;
  if (counts) {
    j["companies"] = counts->companies;
    j["apps"] = counts->applications;
    j["runtemplates"] = counts->runTemplates;
    j["credentials"] = counts->credentials;
    j["credentialtypes"] = counts->credentialTypes;
  }
  j["database"] = databaseDriver;
  j["daemon"] = daemon;
  j["timestamp"] = formatInstant(nowMs());
  return j;
}

OrderedJson jobsStatusApiJson(const std::map<JobState, int64_t>& byState, int64_t applications) {
  auto count = [&](JobState s) {
    auto it = byState.find(s);
    return it == byState.end() ? int64_t{0} : it->second;
  };
  int64_t total = 0;
  for (const auto& [state, n] : byState) total += n;
  OrderedJson j;
  j["timestamp"] = formatInstant(nowMs());
  j["successful_jobs"] = count(JobState::Success);
  j["failed_jobs"] = count(JobState::Failed) + count(JobState::Lost);
  j["incomplete_jobs"] = count(JobState::Pending) + count(JobState::Running);
  j["total_applications"] = applications;
  j["total_jobs"] = total;
  return j;
}

}  // namespace MultiFlexi
