#include "api/Access.h"

#include "common/Exceptions.h"

namespace MultiFlexi {

const Caller& callerOf(const ApiRequest& request) {
  if (!request.caller) throw UnauthorizedException("authentication required");
  return *request.caller;
}

void requireRole(const ApiRequest& request, int64_t companyId, CompanyRole needed, const std::string& notFoundMessage,
                 const std::string& action) {
  const Caller& caller = callerOf(request);
  if (!caller.sees(companyId)) throw NotFoundException(notFoundMessage);
  if (!caller.may(companyId, needed))
    throw ForbiddenException(action, std::string("needs the role ") + roleName(needed) + " in company " +
                                         std::to_string(companyId));
}

void requireAdmin(const ApiRequest& request, const std::string& action) {
  if (!callerOf(request).admin) throw ForbiddenException(action, "needs the admin");
}

bool revealsCompanyEnvironment(const ApiRequest& request, int64_t companyId) {
  return callerOf(request).may(companyId, CompanyRole::Editor);
}

std::optional<std::vector<int64_t>> visibleCompanies(const ApiRequest& request) {
  return callerOf(request).visibleCompanies();
}

}  // namespace MultiFlexi
