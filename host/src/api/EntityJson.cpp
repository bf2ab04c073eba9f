#include "api/EntityJson.h"

#include "api/JsonFields.h"
#include "manifest/ManifestCodec.h"

namespace MultiFlexi {

OrderedJson applicationSummaryJson(const Application& a) {
  OrderedJson j;
  j["id"] = a.id;
  j["uuid"] = nullable(a.uuid);
  j["name"] = a.name;
  j["version"] = nullable(a.version);
  j["executable"] = a.executable;
  j["ociimage"] = nullable(a.ociimage);
  j["requirements"] = a.requirements;
  j["tags"] = a.tags;
  j["enabled"] = a.enabled;
  j["created_at"] = nullableInstant(a.createdAt);
  j["updated_at"] = nullableInstant(a.updatedAt);
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
  j["ic"] = nullable(c.ic);
  j["dic"] = nullable(c.dic);
  j["email"] = nullable(c.email);
  j["timezone"] = nullable(c.timeZone);
  j["zabbix_host"] = nullable(c.zabbixHost);
  j["enabled"] = c.enabled;
  j["environment"] = maskedValues(c.environment, true);  // the CLI's caller is the local admin
  j["created_at"] = nullableInstant(c.createdAt);
  j["updated_at"] = nullableInstant(c.updatedAt);
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
  j["cron"] = nullable(t.cron);
  j["delay"] = t.delaySeconds;
  j["timezone"] = nullable(t.timeZone);
  j["executor"] = t.executor;
  j["active"] = t.active;
  j["misfire"] = misfireName(t.misfire);
  j["allow_overlap"] = t.allowOverlap;
  j["config"] = maskedValues(t.config, t.secretConfig, false);
  j["success_count"] = t.successCount;
  j["failure_count"] = t.failureCount;
  j["next_schedule"] = nullableInstant(t.nextSchedule);
  j["last_schedule"] = nullableInstant(t.lastSchedule);
  j["ociimage"] = nullable(t.ociimage);
  j["note"] = nullable(t.note);
  j["created_at"] = nullableInstant(t.createdAt);
  j["updated_at"] = nullableInstant(t.updatedAt);
  return j;
}

OrderedJson jobJson(const Job& job) {
  OrderedJson j;
  j["id"] = job.id;
  j["runtemplate_id"] = nullable(job.runtemplateId);
  j["company_id"] = job.companyId;
  j["app_id"] = job.appId;
  j["status"] = jobStateName(job.state);
  j["schedule_type"] = job.scheduleType;
  j["slot"] = nullableInstant(job.slot);
  j["scheduled_for"] = nullableInstant(job.scheduledFor);
  j["begin"] = nullableInstant(job.beginAt);
  j["end"] = nullableInstant(job.endAt);
  j["outcome"] = nullable(job.outcome);
  j["exitcode"] = nullable(job.exitCode);
  j["signal"] = nullable(job.termSignal);
  j["message"] = nullable(job.message);
  j["pid"] = nullable(job.pid);
  j["external_ref"] = nullable(job.externalRef);
  j["executor"] = job.executor;
  j["launched_by"] = nullable(job.launchedBy);
  j["command"] = nullable(job.command);
  j["app_version"] = nullable(job.appVersion);
  j["created_at"] = nullableInstant(job.createdAt);
  j["cancel_requested_at"] = nullableInstant(job.cancelRequestedAt);
  j["cancel_requested_by"] = nullable(job.cancelRequestedBy);
  return j;
}

OrderedJson artifactJson(const Artifact& a) {
  OrderedJson j;
  j["id"] = a.id;
  j["job_id"] = a.jobId;
  j["filename"] = a.filename;
  j["content_type"] = a.contentType;
  j["size"] = a.size;
  j["note"] = nullable(a.note);
  j["created_at"] = nullableInstant(a.createdAt);
  return j;
}

OrderedJson prototypeSummaryJson(const CredentialPrototype& p) {
  OrderedJson j;
  j["id"] = p.id;
  j["uuid"] = p.uuid;
  j["code"] = p.code;
  j["name"] = p.name;
  j["version"] = nullable(p.version);
  j["format"] = p.format;
  j["fields"] = OrderedJson::array();
  for (const PrototypeField& f : p.fields)
    j["fields"].push_back({{"keyword", f.keyword},
                           {"type", f.type},
                           {"name", f.nameJson ? localizedDefault(*f.nameJson) : ""},
                           {"required", f.required},
                           {"secret", f.secret},
                           {"default", nullable(f.defaultValue)}});
  j["created_at"] = formatInstant(p.createdAt);
  j["updated_at"] = formatInstant(p.updatedAt);
  return j;
}

OrderedJson credentialTypeJson(const CredentialType& t) {
  OrderedJson j;
  j["id"] = t.id;
  j["company_id"] = t.companyId;
  j["name"] = t.name;
  j["prototype_id"] = nullable(t.prototypeId);
  j["plugin"] = nullable(t.pluginType);
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
  j["company_id"] = nullable(e.companyId);
  j["detail"] = nullable(e.detail);
  return j;
}

}  // namespace MultiFlexi
