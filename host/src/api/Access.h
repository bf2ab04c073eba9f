// The one access check of the REST API's company-scoped records: who may
// see a record, who may act on it, and which companies a listing is limited
// to. A caller who does not see a record's company is told the record does
// not exist, in the words used for a missing id, so that ids reveal nothing.
#pragma once

#include "api/ApiRoute.h"
#include "domain/Caller.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

/// The request's caller. UnauthorizedException when there is none (a
/// handler of an authenticated route called without one: a router bug or a
/// test, answered as 401 rather than trusted).
const Caller& callerOf(const ApiRequest& request);

/// Checks that the caller holds `needed` in company `companyId`:
/// NotFoundException(`notFoundMessage`) when the caller does not see the
/// company, ForbiddenException naming `action` when it sees it with a lower role.
void requireRole(const ApiRequest& request, int64_t companyId, CompanyRole needed, const std::string& notFoundMessage,
                 const std::string& action);

/// Checks that the caller is the admin; ForbiddenException naming `action` otherwise.
void requireAdmin(const ApiRequest& request, const std::string& action);

/// Whether the caller reads the values of company `companyId`'s environment,
/// which holds configuration and secrets alike: who may change the company
/// (its editors, the admin). Others who see the company get the names with
/// masked values.
bool revealsCompanyEnvironment(const ApiRequest& request, int64_t companyId);

/// The companies a listing is limited to (nullopt: all, for the admin).
std::optional<std::vector<int64_t>> visibleCompanies(const ApiRequest& request);

}  // namespace MultiFlexi
