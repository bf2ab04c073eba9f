#include "api/RunTemplateRoutes.h"

#include "api/Access.h"
#include "api/ApiInput.h"
#include "api/ApiJson.h"
#include "api/Paging.h"
#include "catalog/RunTemplateCatalog.h"
#include "common/Exceptions.h"

namespace MultiFlexi {

namespace {
std::string missingTemplate(int64_t id) { return "no run template with id " + std::to_string(id); }
}  // namespace

RunTemplate runTemplateFor(Catalog& catalog, const ApiRequest& request, int64_t id, CompanyRole needed) {
  const std::optional<RunTemplate> t = catalog.runTemplates().findById(id);
  if (!t) throw NotFoundException(missingTemplate(id));
  requireRole(request, t->companyId, needed, missingTemplate(id), "runTemplateId");
  return *t;
}

namespace {

const std::set<std::string> kMembers = {"name",     "app_id",   "company_id", "interv",        "cron",
                                        "delay",    "executor", "active",     "note",          "timezone",
                                        "misfire",  "ociimage", "config",     "allow_overlap", "id"};

RunTemplateChanges changesOf(const OrderedJson& body) {
  RunTemplateChanges c;
  c.name = textMember(body, "name");
  c.appId = integerMember(body, "app_id");
  c.companyId = integerMember(body, "company_id");
  c.interval = textMember(body, "interv");
  c.cron = textMember(body, "cron");
  if (auto delay = integerMember(body, "delay")) {
    if (*delay < 0 || *delay > 366LL * 24 * 3600) throw ValidationException("delay", "must be 0 to 31622400 seconds");
    c.delaySeconds = *delay;
  }
  c.executor = textMember(body, "executor");
  c.active = boolMember(body, "active");
  c.note = textMember(body, "note");
  c.timeZone = textMember(body, "timezone");
  c.misfire = textMember(body, "misfire");
  c.ociimage = textMember(body, "ociimage");
  c.allowOverlap = boolMember(body, "allow_overlap");
  if (auto config = textMapMember(body, "config")) c.config = *config;
  return c;
}

ApiResponse listTemplates(Catalog& catalog, const ApiRequest& request) {
  const Page page = pageOf(request, {{"id", "id"},
                                     {"name", "name"},
                                     {"app_id", "app_id"},
                                     {"company_id", "company_id"},
                                     {"interv", "interv"},
                                     {"active", "active"},
                                     {"next_schedule", "next_schedule"},
                                     {"last_schedule", "last_schedule"}});
  RunTemplateQuery query;
  query.limit = page.limit;
  query.offset = page.offset;
  query.order = page.order;
  query.companyIds = visibleCompanies(request);
  query.companyId = queryInteger(request, "company_id");
  query.appId = queryInteger(request, "app_id");
  ApiResponse response;
  response.body = OrderedJson::object();
  for (const RunTemplate& t : catalog.runTemplates().list(query))
    response.body[std::to_string(t.id)] = runTemplateApiJson(t);
  return response;
}

ApiResponse getTemplate(Catalog& catalog, const ApiRequest& request) {
  ApiResponse response;
  response.body =
      runTemplateApiJson(runTemplateFor(catalog, request, pathId(request, "runTemplateId"), CompanyRole::Viewer));
  return response;
}

ApiResponse createTemplate(Catalog& catalog, const ApiRequest& request) {
  const OrderedJson& body = bodyObject(request, kMembers);
  if (body.contains("id")) throw ValidationException("id", "set by the server (update with POST /runtemplate/{id})");
  RunTemplateChanges changes = changesOf(body);
  if (!changes.companyId) throw ValidationException("company_id", "required");
  requireRole(request, *changes.companyId, CompanyRole::Editor, "no company with id " + std::to_string(*changes.companyId),
              "company_id");
  ApiResponse response;
  response.status = 201;
  const RunTemplate t = catalog.runTemplates().create(changes);
  response.body = runTemplateApiJson(t);
  response.headers["Location"] = std::string(kApiBasePath) + "/runtemplate/" + std::to_string(t.id);
  return response;
}

ApiResponse updateTemplate(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "runTemplateId");
  const RunTemplate current = runTemplateFor(catalog, request, id, CompanyRole::Editor);
  const OrderedJson& body = bodyObject(request, kMembers);
  if (auto bodyId = integerMember(body, "id"); bodyId && *bodyId != id)
    throw ValidationException("id", "differs from the id in the path");
  RunTemplateChanges changes = changesOf(body);
  if (changes.companyId && *changes.companyId != current.companyId)
    throw ValidationException("company_id", "a run template cannot move to another company");
  ApiResponse response;
  response.status = 201;  // as the document answers an update
  response.body = runTemplateApiJson(catalog.runTemplates().update(id, changes));
  return response;
}
// GET /runtemplate/{id}/can_run?executor=: the executor's can_run, changing nothing.
ApiResponse canRun(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "runTemplateId");
  runTemplateFor(catalog, request, id, CompanyRole::Viewer);
  const std::optional<std::string> executor = queryText(request, "executor");
  if (executor && executor->empty()) throw ValidationException("executor", "must name an executor (GET /plugins)");
  const ExecutorVerdict verdict = catalog.runTemplates().canRun(id, executor);
  ApiResponse response;
  response.body = {{"executor", verdict.executor},
                   {"can_run", !verdict.refusal},
                   {"reason", verdict.refusal ? OrderedJson(*verdict.refusal) : OrderedJson()}};
  return response;
}
}  // namespace

std::vector<ApiRoute> runTemplateRoutes() {
  return {
      {"GET", "/runtemplates", true, true, "List run templates of the caller's companies (keyed by id)", listTemplates},
      {"GET", "/runtemplate/{runTemplateId}", true, true, "One run template", getTemplate},
      {"POST", "/runtemplate", false, true, "Create a run template (editor in its company)", createTemplate},
      {"POST", "/runtemplate/{runTemplateId}", true, true, "Change a run template (editor in its company)",
       updateTemplate},
      {"GET", "/runtemplate/{runTemplateId}/can_run", true, true,
       "Whether an executor (?executor=, default the template's) can run the template", canRun},
  };
}

}  // namespace MultiFlexi
