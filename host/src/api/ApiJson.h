// The REST API's JSON shapes of records: MultiFlexi's OpenAPI schemas (App,
// Job, RunTemplate, Company, Credential, CredentialType, Status, JobsStatus)
// with their member names and types, dates as ISO 8601 UTC ("...Z"), a
// member the schema does not make nullable omitted when the record has no
// value; our extra members only under names the schema does not define.
// Secrets are masked (but in the reveal's own shape); a company's environment values are shown to
// whom the caller of companyApiJson says.
#pragma once

#include "catalog/RecordCounts.h"
#include "common/Json.h"
#include "domain/Application.h"
#include "domain/Artifact.h"
#include "domain/Company.h"
#include "domain/Credential.h"
#include "domain/Job.h"
#include "domain/RunTemplate.h"

#include <map>
#include <string>

namespace MultiFlexi {

/// App: requirements and tags as comma-separated strings; plus uuid ...
OrderedJson appApiJson(const Application& app);
/// Job: schedule = the due instant, launched_by omitted (MultiFlexi's is a
/// user id; ours is a name, under "launched_by_name"), plus status, outcome ...
OrderedJson jobApiJson(const Job& job);
/// RunTemplate: plus timezone, misfire, allow_overlap, config (secrets masked).
OrderedJson runTemplateApiJson(const RunTemplate& runTemplate);
/// Company: code = the slug; plus slug, dic, timezone, environment (every
/// value masked unless `revealEnvironment`: Access decides who reads them).
OrderedJson companyApiJson(const Company& company, bool revealEnvironment);
/// Credential: no "value" (secrets are never shown); plus credential_type_id
/// and values with secret ones masked.
OrderedJson credentialApiJson(const Credential& credential);
/// The same with every value in clear, for the audited reveal only.
OrderedJson revealedCredentialApiJson(const Credential& credential);
/// CredentialType: plus company_id, provides, settings (secrets masked).
OrderedJson credentialTypeApiJson(const CredentialType& type);
/// Our artifact record: {id, job_id, filename, content_type, size, note, created_at}.
OrderedJson artifactApiJson(const Artifact& artifact);

/// Status: {database, daemon, timestamp}, and the counts when given.
OrderedJson statusApiJson(const std::string& databaseDriver, const std::string& daemon,
                          const std::optional<RecordCounts>& counts);
/// JobsStatus from the count of jobs per state and the number of applications.
OrderedJson jobsStatusApiJson(const std::map<JobState, int64_t>& byState, int64_t applications);

}  // namespace MultiFlexi
