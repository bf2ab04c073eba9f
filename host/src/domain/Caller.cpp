#include "domain/Caller.h"

#include <utility>

namespace MultiFlexi {

const char* roleName(CompanyRole role) {
  switch (role) {
    case CompanyRole::Viewer: return "viewer";
    case CompanyRole::Operator: return "operator";
    case CompanyRole::Editor: return "editor";
  }
  return "viewer";  // unreachable: the enum has no other value
}

std::optional<CompanyRole> roleNamed(std::string_view name) {
  for (CompanyRole role : {CompanyRole::Viewer, CompanyRole::Operator, CompanyRole::Editor}) {
    if (name == roleName(role)) return role;
  }
  return std::nullopt;
}

Caller Caller::localAdmin(std::string unixUser) {
  Caller caller;
  caller.name = std::move(unixUser);
  caller.admin = true;
  return caller;
}

bool Caller::sees(int64_t companyId) const { return admin || roles.count(companyId) != 0; }

bool Caller::may(int64_t companyId, CompanyRole needed) const {
  if (admin) return true;
  auto found = roles.find(companyId);
  return found != roles.end() && found->second >= needed;
}

std::optional<std::vector<int64_t>> Caller::visibleCompanies() const {
  if (admin) return std::nullopt;
  std::vector<int64_t> ids;
  ids.reserve(roles.size());
  for (const auto& [id, role] : roles) ids.push_back(id);
  return ids;
}

}  // namespace MultiFlexi
