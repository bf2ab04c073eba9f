#include "api/RunTemplateCredentialRoutes.h"

#include "api/Access.h"
#include "api/ApiInput.h"
#include "api/RunTemplateRoutes.h"
#include "catalog/Catalog.h"
#include "catalog/CredentialCatalog.h"
#include "catalog/RunTemplateCatalog.h"
#include "common/Exceptions.h"

namespace MultiFlexi {

namespace {
ApiResponse requirementsOf(Catalog& catalog, int64_t templateId, int status) {
  OrderedJson list = OrderedJson::array();
  for (const CredentialRequirement& r : catalog.runTemplates().credentialRequirements(templateId)) {
    OrderedJson j;
    j["kind"] = r.kind;
    j["credential_id"] = r.binding ? OrderedJson(r.binding->credentialId) : OrderedJson();
    j["credential_name"] = r.binding ? OrderedJson(r.binding->credentialName) : OrderedJson();
    j["credential_type_id"] = r.binding ? OrderedJson(r.binding->typeId) : OrderedJson();
    j["credential_type_name"] = r.binding ? OrderedJson(r.binding->typeName) : OrderedJson();
    j["extra"] = r.extra;
    list.push_back(std::move(j));
  }
  ApiResponse response;
  response.status = status;
  response.body = {{"requirements", std::move(list)}};
  return response;
}

ApiResponse listRequirements(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "runTemplateId");
  runTemplateFor(catalog, request, id, CompanyRole::Viewer);
  return requirementsOf(catalog, id, 200);
}

ApiResponse assign(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "runTemplateId");
  const RunTemplate runTemplate = runTemplateFor(catalog, request, id, CompanyRole::Editor);
  const OrderedJson& body = bodyObject(request, {"credential_id", "requirement"});
  const auto credentialId = integerMember(body, "credential_id");
  if (!credentialId) throw ValidationException("credential_id", "required");
  // The catalog's words for a missing credential, also for one the caller does not see.
  const std::string missing = "no credential with id " + std::to_string(*credentialId);
  std::optional<Credential> credential;
  try {
    credential = catalog.credentials().credential(*credentialId);
  } catch (const NotFoundException&) {
    throw ValidationException("credential_id", missing);
  }
  if (!callerOf(request).sees(credential->companyId)) throw ValidationException("credential_id", missing);
  // Another company's credential would hand its secrets to this company's jobs.
  if (credential->companyId != runTemplate.companyId)
    throw ValidationException("credential_id", "belongs to another company than the run template");
  catalog.runTemplates().assignCredential(id, *credentialId, textMember(body, "requirement"), false);
  return requirementsOf(catalog, id, 201);
}

ApiResponse unassign(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "runTemplateId");
  runTemplateFor(catalog, request, id, CompanyRole::Editor);
  catalog.runTemplates().unassignCredential(id, pathId(request, "credentialId"));
  return requirementsOf(catalog, id, 200);
}
}  // namespace

std::vector<ApiRoute> runTemplateCredentialRoutes() {
  return {
      {"GET", "/runtemplate/{runTemplateId}/credentials", true, true,
       "The application's credential requirements and what is bound for each", listRequirements},
      {"POST", "/runtemplate/{runTemplateId}/credential/", false, true,
       "Bind a credential of the template's company (editor)", assign},
      {"DELETE", "/runtemplate/{runTemplateId}/credential/{credentialId}", true, true,
       "Unbind a credential from the template (editor)", unassign},
  };
}

}  // namespace MultiFlexi
