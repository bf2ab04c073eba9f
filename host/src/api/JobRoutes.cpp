#include "api/JobRoutes.h"

#include "api/Access.h"
#include "api/ApiInput.h"
#include "api/ApiJson.h"
#include "api/Paging.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/JobCatalog.h"
#include "catalog/RunTemplateCatalog.h"
#include "common/Exceptions.h"
#include "domain/NextFire.h"

#include <date/tz.h>

#include <cctype>
#include <chrono>

namespace MultiFlexi {

namespace {
std::string missingJob(int64_t id) { return "no job with id " + std::to_string(id); }
std::string missingTemplate(int64_t id) { return "no run template with id " + std::to_string(id); }

// An instant with its zone ("2026-12-07T13:00:00Z", "...+01:00") from the query; `name` in the error.
std::optional<Instant> queryInstant(const ApiRequest& request, const std::string& name) {
  const std::optional<std::string> text = queryText(request, name);
  if (!text) return std::nullopt;
  std::optional<int> offset;
  const std::optional<LocalDateTime> local = text->size() <= 40 ? parseDateTime(*text, offset) : std::nullopt;
  if (!local || !offset) throw ValidationException(name, "expected an instant with its zone, as 2026-12-07T13:00:00Z");
  return instantOf(*local, *offset);
}

ApiResponse listJobs(Catalog& catalog, const ApiRequest& request) {
  const Page page = pageOf(request, {{"id", "id"},
                                     {"runtemplate_id", "runtemplate_id"},
                                     {"company_id", "company_id"},
                                     {"app_id", "app_id"},
                                     {"status", "state"},
                                     {"schedule", "scheduled_for"},
                                     {"begin", "begin_at"},
                                     {"end", "end_at"}});
  JobFilter filter;
  filter.limit = page.limit;
  filter.offset = page.offset;
  filter.order = page.order;
  filter.companyIds = visibleCompanies(request);
  filter.companyId = queryInteger(request, "company_id");
  filter.runtemplateId = queryInteger(request, "runtemplate_id");
  if (auto status = queryText(request, "status")) filter.state = parseJobState(*status);  // names "status"
  filter.scheduledFrom = queryInstant(request, "from");
  filter.scheduledUntil = queryInstant(request, "until");
  if (filter.scheduledFrom && filter.scheduledUntil && *filter.scheduledUntil < *filter.scheduledFrom)
    throw ValidationException("until", "is before from");
  ApiResponse response;
  response.body = OrderedJson::object();
  for (const Job& job : catalog.jobs().list(filter)) response.body[std::to_string(job.id)] = jobApiJson(job);
  return response;
}

ApiResponse getJob(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "jobId");
  const Job job = catalog.jobs().get(id);
  requireRole(request, job.companyId, CompanyRole::Viewer, missingJob(id), "jobId");
  ApiResponse response;
  response.body = jobApiJson(job);
  return response;
}

// "now", or "Y-m-d H:i:s" read in the template's zone, else its company's, else UTC.
Instant dueOf(Catalog& catalog, const RunTemplate& t, const std::string& scheduled) {
  if (scheduled == "now") return nowMs();
  std::optional<int> offset;
  const std::optional<LocalDateTime> local = parseDateTime(scheduled, offset);
  if (!local || offset)
    throw ValidationException("scheduled", "expected now or a local time Y-m-d H:i:s, got '" + scheduled + "'");
  std::string zone = "UTC";
  if (t.timeZone) {
    zone = *t.timeZone;
  } else if (auto company = catalog.companies().findById(t.companyId); company && company->timeZone) {
    zone = *company->timeZone;
  }
  using namespace std::chrono;
  const date::local_time<milliseconds> wall{milliseconds(instantOf(*local, 0))};
  return zoneNamed("scheduled", zone).to_sys(wall, date::choose::earliest).time_since_epoch().count();
}

// An executor id as plugins name theirs ("native", "podman"); MultiFlexi's
// clients send "Native". Whether it is loaded is the executor's to say.
std::optional<std::string> executorOf(const OrderedJson& body) {
  std::optional<std::string> executor = textMember(body, "executor");
  if (!executor) return executor;
  for (char& c : *executor) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool id = !executor->empty() && executor->size() <= 64 &&
                  executor->find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
  if (!id) throw ValidationException("executor", "not an executor id (letters, digits, '-' and '_')");
  return executor;
}

ApiResponse postJob(Catalog& catalog, const ApiRequest& request) {
  const OrderedJson& body = bodyObject(request, {"runtemplate_id", "scheduled", "executor", "env"});
  const std::optional<int64_t> templateId = integerMember(body, "runtemplate_id");
  if (!templateId) throw ValidationException("runtemplate_id", "required");
  const std::optional<std::string> scheduled = textMember(body, "scheduled");
  AdhocRun run;
  run.executor = executorOf(body);
  run.environment = {{"env", textMapMember(body, "env").value_or(std::map<std::string, std::string>())}};
  // Who may see the template before anything about it is told.
  const std::optional<RunTemplate> t = catalog.runTemplates().findById(*templateId);
  if (!t) throw NotFoundException(missingTemplate(*templateId));
  requireRole(request, t->companyId, CompanyRole::Operator, missingTemplate(*templateId), "runtemplate_id");
  // Overrides win over credentials and configuration (a bank API's URL):
  // whoever may change those may override them, an operator only runs.
  if (!run.environment.front().second.empty() && !callerOf(request).may(t->companyId, CompanyRole::Editor))
    throw ForbiddenException("env", "environment overrides need the editor role in the template's company");
  run.runtemplateId = *templateId;
  run.due = dueOf(catalog, *t, scheduled.value_or("now"));
  run.launchedBy = callerOf(request).name;
  run.scheduleTypeNow = "adhoc-api";
  run.scheduleTypeLater = "adhoc-api";
  ApiResponse response;
  response.status = 201;
  const Job job = catalog.jobs().schedule(run);
  response.body = jobApiJson(job);
  response.headers["Location"] = std::string(kApiBasePath) + "/job/" + std::to_string(job.id);
  return response;
}
}  // namespace

std::vector<ApiRoute> jobRoutes() {
  return {
      {"GET", "/jobs", true, true, "List jobs of the caller's companies (keyed by id)", listJobs},
      {"GET", "/job/{jobId}", true, true, "One job", getJob},
      {"POST", "/job/", false, true,
       "Run a run template once: scheduled now or Y-m-d H:i:s in the template's time zone (else its "
       "company's, else UTC)",
       postJob},
  };
}

}  // namespace MultiFlexi
