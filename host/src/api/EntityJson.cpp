#include "api/EntityJson.h"

#include "executor/SecretMasker.h"
#include "manifest/ManifestCodec.h"

namespace MultiFlexi {

namespace {
OrderedJson opt(const std::optional<std::string>& v) { return v ? OrderedJson(*v) : OrderedJson(); }
OrderedJson instant(const std::optional<Instant>& v) { return v ? OrderedJson(formatInstant(*v)) : OrderedJson(); }
OrderedJson opt(const std::optional<int64_t>& v) { return v ? OrderedJson(*v) : OrderedJson(); }
OrderedJson maskedValues(const std::map<std::string, std::string>& values, const std::set<std::string>& secret,
                         bool reveal) {
  OrderedJson out = OrderedJson::object();
  for (const auto& [k, v] : values) out[k] = secret.count(k) && !reveal ? SecretMasker::kMask : v;
  return out;
}
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
  j["ociimage"] = opt(t.ociimage);
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
  j["external_ref"] = opt(job.externalRef);
  j["executor"] = job.executor;
  j["launched_by"] = opt(job.launchedBy);
  j["command"] = opt(job.command);
  j["app_version"] = opt(job.appVersion);
  j["created_at"] = instant(job.createdAt);
  j["cancel_requested_at"] = instant(job.cancelRequestedAt);
  j["cancel_requested_by"] = opt(job.cancelRequestedBy);
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

OrderedJson prototypeSummaryJson(const CredentialPrototype& p) {
  OrderedJson j;
  j["id"] = p.id;
  j["uuid"] = p.uuid;
  j["code"] = p.code;
  j["name"] = p.name;
  j["version"] = opt(p.version);
  j["format"] = p.format;
  j["fields"] = OrderedJson::array();
  for (const PrototypeField& f : p.fields)
    j["fields"].push_back({{"keyword", f.keyword},
                           {"type", f.type},
                           {"name", f.nameJson ? localizedDefault(*f.nameJson) : ""},
                           {"required", f.required},
                           {"secret", f.secret},
                           {"default", opt(f.defaultValue)}});
  j["created_at"] = formatInstant(p.createdAt);
  j["updated_at"] = formatInstant(p.updatedAt);
  return j;
}

OrderedJson credentialTypeJson(const CredentialType& t) {
  OrderedJson j;
  j["id"] = t.id;
  j["company_id"] = t.companyId;
  j["name"] = t.name;
  j["prototype_id"] = opt(t.prototypeId);
  j["plugin"] = opt(t.pluginType);
  j["provides"] = t.provides;
  j["settings"] = maskedValues(t.settings, t.secretSettings, false);
  j["created_at"] = formatInstant(t.createdAt);
  j["updated_at"] = formatInstant(t.updatedAt);
  return j;
}

OrderedJson credentialJson(const Credential& c, bool reveal) {
  OrderedJson j;
  j["id"] = c.id;
  j["company_id"] = c.companyId;
  j["credential_type_id"] = c.typeId;
  j["name"] = c.name;
  j["values"] = maskedValues(c.values, c.secretKeys, reveal);
  j["secret_fields"] = c.secretKeys;
  j["created_at"] = formatInstant(c.createdAt);
  j["updated_at"] = formatInstant(c.updatedAt);
  return j;
}

OrderedJson auditEventJson(const AuditEvent& e) {
  OrderedJson j;
  j["id"] = e.id;
  j["at"] = formatInstant(e.at);
  j["actor"] = e.actor;
  j["action"] = e.action;
  j["subject"] = e.subject;
  j["company_id"] = opt(e.companyId);
  j["detail"] = opt(e.detail);
  return j;
}

}  // namespace MultiFlexi
