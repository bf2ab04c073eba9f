// The stable JSON shapes of the CLI's records (documented in README.md).
#pragma once

#include "cli/Output.h"
#include "domain/Application.h"
#include "domain/Artifact.h"
#include "domain/AuditEvent.h"
#include "domain/Company.h"
#include "domain/Credential.h"
#include "domain/CredentialPrototype.h"
#include "domain/Job.h"
#include "domain/RunTemplate.h"

namespace MultiFlexi {

/// {id, uuid, name, version, executable, ociimage, requirements, tags,
///  enabled, created_at, updated_at}
OrderedJson applicationSummaryJson(const Application& app);
/// The summary plus "manifest": the manifest application:export-json writes.
OrderedJson applicationJson(const Application& app);
/// {id, name, slug, ic, dic, email, timezone, enabled, environment, created_at, updated_at}
OrderedJson companyJson(const Company& company);
/// {id, name, app_id, company_id, interv, interval, cron, delay, timezone,
///  executor, active, misfire, allow_overlap, config, success_count,
///  failure_count, next_schedule, last_schedule, note, created_at, updated_at}
OrderedJson runTemplateJson(const RunTemplate& runTemplate);

/// {id, runtemplate_id, company_id, app_id, status, schedule_type, slot,
///  scheduled_for, begin, end, outcome, exitcode, signal, message, pid,
///  executor, launched_by, command, app_version, created_at,
///  cancel_requested_at, cancel_requested_by}
OrderedJson jobJson(const Job& job);
/// {id, job_id, filename, content_type, size, note, created_at}
OrderedJson artifactJson(const Artifact& artifact);

/// {id, uuid, code, name, version, format, fields: [{keyword, type, name, required, secret, default}] ...}
OrderedJson prototypeSummaryJson(const CredentialPrototype& prototype);
/// {id, company_id, name, prototype_id, plugin, provides, settings, created_at, updated_at}
OrderedJson credentialTypeJson(const CredentialType& type);
/// {id, company_id, credential_type_id, name, values, secret_fields, created_at, updated_at};
/// secret values masked unless `reveal`
OrderedJson credentialJson(const Credential& credential, bool reveal);
/// {id, at, actor, action, subject, company_id, detail}
OrderedJson auditEventJson(const AuditEvent& event);

}  // namespace MultiFlexi
