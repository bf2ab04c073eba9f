#include "api/CredentialRoutes.h"

#include "api/Access.h"
#include "api/ApiInput.h"
#include "api/ApiJson.h"
#include "api/Paging.h"
#include "catalog/Catalog.h"
#include "catalog/CredentialCatalog.h"
#include "common/Exceptions.h"

namespace MultiFlexi {

namespace {
std::string missingCredential(int64_t id) { return "no credential with id " + std::to_string(id); }
std::string missingType(int64_t id) { return "no credential type with id " + std::to_string(id); }

// The record `find` returns, if the caller holds `needed` in its company;
// a missing one and a hidden one get the same NotFoundException.
template <class Record, class Find>
Record scoped(const ApiRequest& request, int64_t id, CompanyRole needed, const std::string& missing,
              const std::string& field, Find find) {
  std::optional<Record> record;
  try {
    record = find(id);
  } catch (const NotFoundException&) {
    throw NotFoundException(missing);
  }
  requireRole(request, record->companyId, needed, missing, field);
  return *record;
}

CredentialChanges changesOf(const OrderedJson& body, const char* valuesMember) {
  CredentialChanges c;
  c.name = textMember(body, "name");
  c.provides = textMember(body, "provides");
  if (auto values = textMapMember(body, valuesMember)) c.values = *values;
  if (auto it = body.find("unset"); it != body.end()) {
    if (!it->is_array()) throw ValidationException("unset", "must be an array of names");
    for (const auto& key : *it) {
      if (!key.is_string()) throw ValidationException("unset", "must be an array of names");
      OrderedJson one = {{"unset", key}};
      c.unset.push_back(*textMember(one, "unset"));
    }
  }
  return c;
}

// A page of the caller's companies' records of one kind, by ascending id.
template <class List, class Render>
ApiResponse listScoped(const ApiRequest& request, const std::string& what, List list, Render render) {
  const Page page = pageOf(request, {{"id", "id"}});
  if (page.order && page.order->descending)
    throw ValidationException("order", what + " are listed by ascending id only (use id)");
  ApiResponse response;
  response.body = OrderedJson::array();
  for (const auto& record : list(visibleCompanies(request), page.limit, page.offset))
    response.body.push_back(render(record));
  return response;
}

ApiResponse listCredentials(Catalog& catalog, const ApiRequest& request) {
  return listScoped(
      request, "credentials",
      [&](const auto& companies, int64_t limit, int64_t offset) {
        return catalog.credentials().credentials().listOf(companies, limit, offset);
      },
      credentialApiJson);
}

ApiResponse listTypes(Catalog& catalog, const ApiRequest& request) {
  return listScoped(
      request, "credential types",
      [&](const auto& companies, int64_t limit, int64_t offset) {
        return catalog.credentials().credentials().listTypesOf(companies, limit, offset);
      },
      credentialTypeApiJson);
}

ApiResponse getCredential(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "credentialId");
  ApiResponse response;
  response.body = credentialApiJson(scoped<Credential>(request, id, CompanyRole::Viewer, missingCredential(id),
                                                       "credentialId",
                                                       [&](int64_t i) { return catalog.credentials().credential(i); }));
  return response;
}

/// A plugin's credential type runs or reads something on the executor host
/// (exec's COMMAND, envfile's ENV_FILE_PATH): only an admin changes it or
/// its credentials, a company's editor does not.
void requireAdminForPluginType(const ApiRequest& request, const CredentialType& type, const std::string& field) {
  if (type.pluginType && !callerOf(request).admin)
    throw ForbiddenException(field, "credentials of plugin type '" + *type.pluginType +
                                        "' act on the executor host; only an admin changes them");
}

ApiResponse updateCredential(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "credentialId");
  const Credential current = scoped<Credential>(request, id, CompanyRole::Editor, missingCredential(id), "credentialId",
                                                [&](int64_t i) { return catalog.credentials().credential(i); });
  requireAdminForPluginType(request, catalog.credentials().type(current.typeId), "credentialId");
  const OrderedJson& body = bodyObject(request, {"name", "values", "unset"});
  ApiResponse response;
  response.status = 201;
  response.body = credentialApiJson(catalog.credentials().updateCredential(id, changesOf(body, "values")));
  return response;
}

ApiResponse getType(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "credentialTypeID");
  ApiResponse response;
  response.body = credentialTypeApiJson(scoped<CredentialType>(request, id, CompanyRole::Viewer, missingType(id),
                                                               "credentialTypeID",
                                                               [&](int64_t i) { return catalog.credentials().type(i); }));
  return response;
}

ApiResponse updateType(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "credentialTypeID");
  const CredentialType current =
      scoped<CredentialType>(request, id, CompanyRole::Editor, missingType(id), "credentialTypeID",
                             [&](int64_t i) { return catalog.credentials().type(i); });
  requireAdminForPluginType(request, current, "credentialTypeID");
  const OrderedJson& body = bodyObject(request, {"name", "provides", "settings", "unset"});
  ApiResponse response;
  response.status = 201;
  response.body = credentialTypeApiJson(catalog.credentials().updateType(id, changesOf(body, "settings")));
  return response;
}
}  // namespace

std::vector<ApiRoute> credentialRoutes() {
  return {
      {"GET", "/credentials", true, true, "List the credentials of the caller's companies (secrets masked)",
       listCredentials},
      {"GET", "/credential/{credentialId}", true, true, "One credential (secrets masked)", getCredential},
      {"POST", "/credential/{credentialId}", true, true, "Change a credential (editor)", updateCredential},
      {"GET", "/credential_types", true, true, "List the credential types of the caller's companies", listTypes},
      {"GET", "/credential_type/{credentialTypeID}", true, true, "One credential type", getType},
      {"POST", "/credential_type/{credentialTypeID}", true, true, "Change a credential type (editor)", updateType},
  };
}

}  // namespace MultiFlexi
