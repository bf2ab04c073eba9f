#include "api/CompanyRoutes.h"

#include "api/Access.h"
#include "api/ApiInput.h"
#include "api/ApiJson.h"
#include "api/Paging.h"
#include "catalog/CompanyCatalog.h"
#include "common/Exceptions.h"

namespace MultiFlexi {

namespace {
std::string missingCompany(int64_t id) { return "no company with id " + std::to_string(id); }

ApiResponse listCompanies(Catalog& catalog, const ApiRequest& request) {
  const Page page = pageOf(request, {{"id", "id"}, {"name", "name"}, {"code", "slug"}, {"slug", "slug"},
                                     {"ic", "ic"}, {"email", "email"}, {"enabled", "enabled"}});
  CompanyFilter filter;
  filter.ids = visibleCompanies(request);
  filter.order = page.order;
  filter.limit = page.limit;
  filter.offset = page.offset;
  ApiResponse response;
  response.body = OrderedJson::array();
  for (const Company& c : catalog.companies().list(filter))
    response.body.push_back(companyApiJson(c, revealsCompanyEnvironment(request, c.id)));
  return response;
}

ApiResponse getCompany(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "companyId");
  requireRole(request, id, CompanyRole::Viewer, missingCompany(id), "companyId");
  CompanyKey key;
  key.id = id;
  ApiResponse response;
  response.body = companyApiJson(catalog.companies().get(key), revealsCompanyEnvironment(request, id));
  return response;
}

CompanyChanges changesOf(const OrderedJson& body) {
  CompanyChanges c;
  c.name = textMember(body, "name");
  c.slug = textMember(body, "slug");
  if (auto code = textMember(body, "code")) {
    if (c.slug && *c.slug != *code) throw ValidationException("code", "differs from slug (they are the same field)");
    c.slug = code;
  }
  c.ic = textMember(body, "ic");
  c.dic = textMember(body, "dic");
  c.email = textMember(body, "email");
  c.timeZone = textMember(body, "timezone");
  c.zabbixHost = textMember(body, "zabbix_host");
  c.enabled = boolMember(body, "enabled");
  if (auto environment = textMapMember(body, "environment")) c.environment = *environment;
  return c;
}

ApiResponse postCompany(Catalog& catalog, const ApiRequest& request) {
  const std::optional<int64_t> id = queryInteger(request, "companyId");
  if (id) {
    if (*id < 1) throw ValidationException("companyId", "must be a positive id");
    requireRole(request, *id, CompanyRole::Editor, missingCompany(*id), "companyId");
  } else {
    requireAdmin(request, "company");
  }
  const OrderedJson& body = bodyObject(
      request, {"id", "name", "code", "slug", "ic", "dic", "email", "timezone", "zabbix_host", "enabled", "environment"});
  if (auto bodyId = integerMember(body, "id"); bodyId && bodyId != id)
    throw ValidationException("id", "give the company to update as the companyId query parameter");
  const CompanyChanges changes = changesOf(body);
  ApiResponse response;
  response.status = 201;
  const Company saved = id ? catalog.companies().update(*id, changes) : catalog.companies().create(changes);
  response.body = companyApiJson(saved, revealsCompanyEnvironment(request, saved.id));
  return response;
}
}  // namespace

std::vector<ApiRoute> companyRoutes() {
  return {
      {"GET", "/companies", true, true, "List the caller's companies", listCompanies},
      {"GET", "/company/{companyId}", true, true, "One company", getCompany},
      {"POST", "/company/", false, true, "Create a company (admin) or, with companyId, change it (editor)",
       postCompany},
  };
}

}  // namespace MultiFlexi
