#include "api/UserJson.h"

#include "api/JsonFields.h"

namespace MultiFlexi {

OrderedJson userJson(const User& user) {
  OrderedJson j;
  j["id"] = user.id;
  j["login"] = user.login;
  j["email"] = nullable(user.email);
  j["firstname"] = nullable(user.firstname);
  j["lastname"] = nullable(user.lastname);
  j["enabled"] = user.enabled;
  j["admin"] = user.admin;
  j["DatCreate"] = formatInstant(user.createdAt);
  j["DatSave"] = formatInstant(user.updatedAt);
  return j;
}

OrderedJson userApiJson(const User& user) { return withoutNulls(userJson(user)); }

OrderedJson companyUserJson(const CompanyMembership& m) {
  OrderedJson j;
  j["company_id"] = m.companyId;
  j["user_id"] = m.userId;
  j["role"] = roleName(m.role);
  j["created_at"] = formatInstant(m.createdAt);
  return j;
}

OrderedJson globalRoleJson(const User& user) {
  OrderedJson j;
  j["id"] = user.admin ? 1 : 2;
  j["name"] = user.admin ? "admin" : "user";
  j["display_name"] = user.admin ? "Administrator" : "User";
  j["is_active"] = true;
  return j;
}

OrderedJson apiTokenJson(const ApiToken& token) {
  OrderedJson j;
  j["id"] = token.id;
  j["user_id"] = token.userId;
  j["name"] = token.name;
  j["created_at"] = formatInstant(token.createdAt);
  j["expires_at"] = nullableInstant(token.expiresAt);
  j["last_used_at"] = nullableInstant(token.lastUsedAt);
  j["revoked_at"] = nullableInstant(token.revokedAt);
  return j;
}

}  // namespace MultiFlexi
