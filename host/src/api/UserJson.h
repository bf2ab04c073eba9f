// The JSON shapes of users, their company roles, global roles and API
// tokens, shared by the CLI and the REST API. They follow MultiFlexi's
// OpenAPI schemas User, CompanyUser and RbacRole; none ever holds a
// password, a password hash, a token value or a token hash.
#pragma once

#include "common/Json.h"
#include "domain/User.h"

namespace MultiFlexi {

/// {id, login, email, firstname, lastname, enabled, admin, DatCreate, DatSave}
OrderedJson userJson(const User& user);
/// MultiFlexi's User as the API answers it: userJson without its null
/// members (the schema makes none of them nullable).
OrderedJson userApiJson(const User& user);
/// {company_id, user_id, role, created_at}
OrderedJson companyUserJson(const CompanyMembership& membership);
/// The user's global role as an RbacRole: {id, name, display_name, is_active}
/// (1 "admin" Administrator, 2 "user" User).
OrderedJson globalRoleJson(const User& user);
/// {id, user_id, name, created_at, expires_at, last_used_at, revoked_at}
OrderedJson apiTokenJson(const ApiToken& token);

}  // namespace MultiFlexi
