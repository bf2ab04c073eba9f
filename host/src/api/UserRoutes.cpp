#include "api/UserRoutes.h"

#include "api/ApiInput.h"
#include "api/EntityJson.h"
#include "api/UserJson.h"
#include "catalog/Catalog.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/SecurityCatalog.h"
#include "catalog/UserCatalog.h"
#include "common/Exceptions.h"
#include "crypto/SecureBuffer.h"
#include "domain/ActorScope.h"

namespace MultiFlexi {

namespace {

const Caller& callerOf(const ApiRequest& request) { return request.caller.value(); }  // the router authenticated it

int64_t limitOf(const ApiRequest& request) { return queryInteger(request, "limit", 1, 1000).value_or(100); }
int64_t offsetOf(const ApiRequest& request) {
  return queryInteger(request, "offset", 0, int64_t{1} << 40).value_or(0);
}

void requireAdmin(const Caller& caller, const std::string& what) {
  if (!caller.admin) throw ForbiddenException(what, "only an admin may do this");
}

bool isSelf(const Caller& caller, int64_t userId) { return caller.userId && *caller.userId == userId; }

/// The user `userId` when the caller may see it (admin or himself); NotFoundException otherwise.
User visibleUser(Catalog& catalog, const Caller& caller, int64_t userId) {
  if (!caller.admin && !isSelf(caller, userId))
    throw NotFoundException("userId", "no user with id " + std::to_string(userId));
  return catalog.users().get(UserKey{userId, {}});
}

/// The company `companyId` when the caller sees it; NotFoundException as for a missing one otherwise.
int64_t visibleCompany(Catalog& catalog, const Caller& caller, int64_t companyId) {
  if (!caller.sees(companyId) || !catalog.companies().findById(companyId))
    throw NotFoundException("companyId", "no company with id " + std::to_string(companyId));
  return companyId;
}

ApiResponse ok(OrderedJson body, int status = 200) {
  ApiResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

ApiResponse listUsers(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = callerOf(request);
  OrderedJson list = OrderedJson::array();
  if (caller.admin) {
    for (const User& u : catalog.users().list(limitOf(request), offsetOf(request))) list.push_back(userApiJson(u));
  } else if (caller.userId && offsetOf(request) == 0) {
    list.push_back(userApiJson(catalog.users().get(UserKey{caller.userId, {}})));
  }
  return ok(list);
}

ApiResponse getUser(Catalog& catalog, const ApiRequest& request) {
  return ok(userApiJson(visibleUser(catalog, callerOf(request), pathId(request, "userId"))));
}

/// POST /user/: creates (no id) or updates a user (MultiFlexi's userId query
/// parameter, or the body's id). Admins change any field of anyone; a user
/// only his own names, email and password. 201 either way, as MultiFlexi's.
ApiResponse saveUser(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = callerOf(request);
  const OrderedJson& body = bodyObject(request, {"id", "login", "email", "firstname", "lastname", "enabled", "admin",
                                                 "password", "settings", "DatCreate", "DatSave", "last_modifier_id"});
  auto id = queryInteger(request, "userId", 1, INT64_MAX);
  if (const auto bodyId = integerMember(body, "id")) {
    if (id && *bodyId != *id) throw ValidationException("id", "differs from the userId query parameter");
    id = bodyId;
  }
  UserChanges c;
  c.login = textMember(body, "login");
  c.email = textMember(body, "email");
  c.firstname = textMember(body, "firstname");
  c.lastname = textMember(body, "lastname");
  c.enabled = boolMember(body, "enabled");
  c.admin = boolMember(body, "admin");
  c.password = textMember(body, "password");
  const ActorScope actor(caller);
  User saved;
  try {
    if (!id) {
      requireAdmin(caller, "user");
      saved = catalog.users().create(c);
    } else {
      visibleUser(catalog, caller, *id);
      // Else a leaked login token would set a password and then mint a token that never expires.
      if (c.password && caller.credentialExpiresAt && caller.userId == id)
        throw ForbiddenException("password", "sign in with the password, not a token that expires, to change it");
      if (!caller.admin && (c.login || c.enabled || c.admin))
        throw ForbiddenException(c.login ? "login" : c.enabled ? "enabled" : "admin", "only an admin may change it");
      saved = catalog.users().update(*id, c);
    }
  } catch (...) {
    if (c.password) wipe(*c.password);
    throw;
  }
  if (c.password) wipe(*c.password);
  return ok(userApiJson(saved), 201);
}

ApiResponse userRoles(Catalog& catalog, const ApiRequest& request) {
  const User u = visibleUser(catalog, callerOf(request), pathId(request, "userId"));
  return ok(OrderedJson::array({globalRoleJson(u)}));
}

/// The global role a role body names: MultiFlexi's {"roles": ["admin"]}
/// (one role: a user has one global role), or {"role": "admin"|"user"}, or
/// an RbacRole's {"name": …}.
std::string globalRoleOf(const OrderedJson& body) {
  if (body.contains("roles")) {
    const OrderedJson& roles = body.at("roles");
    if (!roles.is_array() || roles.size() != 1 || !roles[0].is_string())
      throw ValidationException("roles", "expected one role: [\"admin\"] or [\"user\"]");
    const std::string role = roles[0].get<std::string>();
    if (role != "admin" && role != "user") throw ValidationException("roles", "expected [\"admin\"] or [\"user\"]");
    return role;
  }
  auto role = textMember(body, "role");
  if (!role) role = textMember(body, "name");
  if (!role || (*role != "admin" && *role != "user"))
    throw ValidationException("role", "expected \"admin\" or \"user\"");
  return *role;
}

/// POST /user/{userId}/roles/: answers as MultiFlexi's {user_id, replace,
/// roles, role_details}.
ApiResponse setUserRole(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = callerOf(request);
  const int64_t userId = pathId(request, "userId");
  visibleUser(catalog, caller, userId);
  requireAdmin(caller, "role");
  const std::string role = globalRoleOf(bodyObject(request));
  const ActorScope actor(caller);
  const User saved = catalog.users().setAdmin(userId, role == "admin");
  return ok({{"user_id", userId},
             {"replace", true},
             {"roles", OrderedJson::array({role})},
             {"role_details", OrderedJson::array({globalRoleJson(saved)})}});
}

ApiResponse companyUsers(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = callerOf(request);
  const int64_t companyId = visibleCompany(catalog, caller, pathId(request, "companyId"));
  if (!caller.may(companyId, CompanyRole::Editor))
    throw ForbiddenException("companyId", "only the company's editors see its users");
  OrderedJson list = OrderedJson::array();
  for (const auto& m : catalog.users().membersOf(companyId, limitOf(request), offsetOf(request)))
    list.push_back(companyUserJson(m));
  return ok(list);
}

/// POST /company/{companyId}/user/: {"user_id": N, "role": "viewer"|"operator"|"editor"}.
ApiResponse assignCompanyUser(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = callerOf(request);
  const int64_t companyId = visibleCompany(catalog, caller, pathId(request, "companyId"));
  requireAdmin(caller, "companyId");
  const OrderedJson& body = bodyObject(request);
  const auto userId = integerMember(body, "user_id");
  if (!userId) throw ValidationException("user_id", "is required");
  const std::string roleText = textMember(body, "role").value_or("viewer");
  const auto role = roleNamed(roleText);
  if (!role) throw ValidationException("role", "expected viewer, operator or editor");
  catalog.users().get(UserKey{*userId, {}});
  const ActorScope actor(caller);
  return ok(companyUserJson(catalog.users().assignRole(*userId, companyId, *role)), 201);
}

ApiResponse unassignCompanyUser(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = callerOf(request);
  const int64_t companyId = visibleCompany(catalog, caller, pathId(request, "companyId"));
  requireAdmin(caller, "companyId");
  const int64_t userId = pathId(request, "userId");
  const ActorScope actor(caller);
  catalog.users().unassignRole(userId, companyId);
  return ok({{"message", "role removed"}, {"company_id", companyId}, {"user_id", userId}, {"deleted", 1}});
}

/// Admins read the whole log; a company's editors read that company's events.
ApiResponse auditLog(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = callerOf(request);
  AuditQuery query;
  query.limit = limitOf(request);
  query.offset = offsetOf(request);
  query.companyId = queryInteger(request, "company_id", 1, INT64_MAX);
  query.actor = queryText(request, "actor");
  if (!caller.admin) {
    if (!query.companyId) throw ForbiddenException("company_id", "give a company you are an editor of");
    visibleCompany(catalog, caller, *query.companyId);
    if (!caller.may(*query.companyId, CompanyRole::Editor))
      throw ForbiddenException("company_id", "only the company's editors read its audit log");
  }
  OrderedJson list = OrderedJson::array();
  for (const auto& e : catalog.security().auditTrail(query)) list.push_back(auditEventJson(e));
  return ok(list);
}

ApiResponse auditEvent(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = callerOf(request);
  const int64_t id = pathId(request, "id");
  const AuditEvent e = catalog.security().auditEvent(id);
  if (!caller.admin && !(e.companyId && caller.may(*e.companyId, CompanyRole::Editor)))
    throw NotFoundException("id", "no audit event with id " + std::to_string(id));
  return ok(auditEventJson(e));
}

ApiResponse listTokens(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = callerOf(request);
  std::optional<int64_t> userId = queryInteger(request, "user_id", 1, INT64_MAX);
  if (!caller.admin) userId = caller.userId.value_or(0);
  OrderedJson list = OrderedJson::array();
  for (const auto& t : catalog.users().tokens(userId, limitOf(request), offsetOf(request)))
    list.push_back(apiTokenJson(t));
  return ok(list);
}

/// POST /token/: {"name", "expires": "90d"|"never", "user_id" (admins only)}.
/// A caller signed in with a token gets one that does not outlive it.
ApiResponse createToken(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = callerOf(request);
  const OrderedJson& body = bodyObject(request, {"name", "expires", "user_id"});
  int64_t userId = caller.userId.value_or(0);
  if (auto other = integerMember(body, "user_id"); other && *other != userId) {
    requireAdmin(caller, "user_id");
    userId = *other;
  }
  if (userId == 0) throw ValidationException("user_id", "is required");
  const auto expiresAt = tokenExpiry(caller, textMember(body, "expires"), nowMs());  // not past the caller's token
  const ActorScope actor(caller);
  NewApiToken made = catalog.users().createToken(userId, textMember(body, "name").value_or("api"), expiresAt);
  OrderedJson j = apiTokenJson(made.token);
  j["token"] = made.value;
  wipe(made.value);
  return ok(j, 201);
}

ApiResponse revokeToken(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = callerOf(request);
  const int64_t id = pathId(request, "id");
  const ApiToken t = catalog.users().token(id);
  if (!caller.admin && !isSelf(caller, t.userId)) throw NotFoundException("id", "no token with id " + std::to_string(id));
  const ActorScope actor(caller);
  catalog.users().revokeToken(id);
  return ok({{"message", "token revoked"}, {"id", id}});
}

}  // namespace

std::vector<ApiRoute> userRoutes() {
  return {
      {"GET", "/users", true, true, "Users (admins: all; others: themselves)", listUsers},
      {"GET", "/user/{userId}", true, true, "A user", getUser},
      {"POST", "/user/", false, true, "Create (no id) or update a user", saveUser},
      {"GET", "/user/{userId}/roles", true, true, "A user's global role", userRoles},
      {"POST", "/user/{userId}/roles/", false, true, "Set a user's global role (admin|user)", setUserRole},
      {"GET", "/company/{companyId}/users", true, true, "A company's users and their roles", companyUsers},
      {"POST", "/company/{companyId}/user/", false, true, "Give a user a role in the company", assignCompanyUser},
      {"DELETE", "/company/{companyId}/user/{userId}", false, true, "Take a user's role in the company away",
       unassignCompanyUser},
      {"GET", "/auditlog", true, true, "The audit log, newest first", auditLog},
      {"GET", "/auditlog/{id}", true, true, "One audit event", auditEvent},
      {"GET", "/tokens", true, true, "API tokens (never their values)", listTokens},
      {"POST", "/token/", false, true, "Make an API token (its value is in this answer only)", createToken},
      {"DELETE", "/token/{id}", true, true, "Revoke an API token", revokeToken},
  };
}

}  // namespace MultiFlexi
