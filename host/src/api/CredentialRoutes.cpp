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

/// 201 with the new record and its Location (`path` below the base path).
ApiResponse created(OrderedJson record, const std::string& path) {
  ApiResponse response;
  response.status = 201;
  response.body = std::move(record);
  response.headers["Location"] = std::string(kApiBasePath) + path;
  return response;
}

// POST /credential/: a credential of one of the company's types (editor there).
ApiResponse createCredential(Catalog& catalog, const ApiRequest& request) {
  const OrderedJson& body = bodyObject(request, {"name", "company_id", "credential_type_id", "values"});
  const auto typeId = integerMember(body, "credential_type_id");
  if (!typeId) throw ValidationException("credential_type_id", "required");
  if (*typeId <= 0) throw ValidationException("credential_type_id", "must be a positive id");
  // The type fixes the company; one the caller does not see does not exist.
  const CredentialType type = scoped<CredentialType>(request, *typeId, CompanyRole::Editor, missingType(*typeId),
                                                     "credential_type_id",
                                                     [&](int64_t i) { return catalog.credentials().type(i); });
  if (auto company = integerMember(body, "company_id"); company && *company != type.companyId)
    throw ValidationException("company_id", "differs from the company of credential type " + std::to_string(*typeId));
  requireAdminForPluginType(request, type, "credential_type_id");
  Credential c;
  c.typeId = type.id;
  c.companyId = type.companyId;
  c.name = textMember(body, "name").value_or("");
  if (auto values = textMapMember(body, "values")) c.values = *values;
  if (c.name.empty()) throw ValidationException("name", "required");
  const int64_t id = catalog.credentials().createCredential(c);
  return created(credentialApiJson(catalog.credentials().credential(id)), "/credential/" + std::to_string(id));
}

// GET /credential/{id}/reveal: the values in clear, for an editor; audited
// (credential.reveal) once the caller may see them, never cached.
ApiResponse revealCredential(Catalog& catalog, const ApiRequest& request) {
  const int64_t id = pathId(request, "credentialId");
  scoped<Credential>(request, id, CompanyRole::Editor, missingCredential(id), "credentialId",
                     [&](int64_t i) { return catalog.credentials().credential(i); });
  ApiResponse response;
  response.body = revealedCredentialApiJson(catalog.credentials().reveal(id));
  response.headers["Cache-Control"] = "no-store";
  return response;
}

// POST /credential_type/: a type of a prototype (editor) or of a
// credential-type plugin (admin: it acts on the executor host).
ApiResponse createType(Catalog& catalog, const ApiRequest& request) {
  const OrderedJson& body =
      bodyObject(request, {"name", "company_id", "prototype_id", "plugin", "provides", "settings"});
  const auto company = integerMember(body, "company_id");
  if (!company) throw ValidationException("company_id", "required");
  requireRole(request, *company, CompanyRole::Editor, "no company with id " + std::to_string(*company), "company_id");
  CredentialType t;
  t.companyId = *company;
  t.name = textMember(body, "name").value_or("");
  t.prototypeId = integerMember(body, "prototype_id");
  t.pluginType = textMember(body, "plugin");
  t.provides = textMember(body, "provides").value_or("");
  if (auto settings = textMapMember(body, "settings")) t.settings = *settings;
  if (t.name.empty()) throw ValidationException("name", "required");
  if (t.prototypeId.has_value() == t.pluginType.has_value())
    throw ValidationException("prototype_id", "give either prototype_id or plugin");
  if (t.prototypeId && !catalog.credentials().prototypes().findById(*t.prototypeId))
    throw ValidationException("prototype_id", "no credential prototype with id " + std::to_string(*t.prototypeId));
  requireAdminForPluginType(request, t, "plugin");
  const int64_t id = catalog.credentials().createType(t);
  return created(credentialTypeApiJson(catalog.credentials().type(id)), "/credential_type/" + std::to_string(id));
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
      {"POST", "/credential/", false, true, "Create a credential (editor in its type's company; secrets masked)",
       createCredential},
      {"GET", "/credential/{credentialId}/reveal", true, true,
       "One credential with its secrets in clear (editor; audited; not cached)", revealCredential},
      {"GET", "/credential_types", true, true, "List the credential types of the caller's companies", listTypes},
      {"GET", "/credential_type/{credentialTypeID}", true, true, "One credential type", getType},
      {"POST", "/credential_type/{credentialTypeID}", true, true, "Change a credential type (editor)", updateType},
      {"POST", "/credential_type/", false, true, "Create a credential type (editor; of a plugin: admin)", createType},
  };
}

}  // namespace MultiFlexi
