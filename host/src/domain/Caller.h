// Who is asking, and what they may do. A caller is the global admin, or
// holds per company one role: viewer (reads), operator (also runs and
// cancels jobs), editor (also configures templates, credentials and the
// company). Front-ends resolve the caller once (HTTP: per request from its
// user; CLI: the local Unix user, who is admin over the store it can open)
// and the rules answer from it.
//
// A caller without a role in a company does not see it: every front-end
// answers "not found" for its records, as for an id that does not exist.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace MultiFlexi {

/// Ordered: a higher role may do all a lower one may.
enum class CompanyRole { Viewer = 1, Operator = 2, Editor = 3 };

/// "viewer", "operator", "editor".
const char* roleName(CompanyRole role);
/// The role of that name; nullopt for any other text.
std::optional<CompanyRole> roleNamed(std::string_view name);

struct Caller {
  /// The user's id; none for the local CLI user.
  std::optional<int64_t> userId;
  /// The login or Unix user: what logs and the audit trail name.
  std::string name;
  bool admin = false;
  /// Company id -> the caller's role there (empty for an admin, who needs none).
  std::map<int64_t, CompanyRole> roles;
  /// When the credential the caller presented stops being valid, in ms
  /// since the epoch: the expiry of the API token it signed in with. None
  /// for a password (Basic, login, the console's session, which the browser
  /// keeps after a password sign-in), the local CLI user and a token that
  /// never expires. A token this caller makes may not outlive it (tokenExpiry).
  std::optional<int64_t> credentialExpiresAt;

  /// The local user of the CLI: admin, named after the Unix user.
  static Caller localAdmin(std::string unixUser);

  /// Whether the caller sees the company's records at all.
  bool sees(int64_t companyId) const;
  /// Whether the caller holds at least `needed` in the company.
  bool may(int64_t companyId, CompanyRole needed) const;
  /// The companies a listing is limited to, ascending; nullopt for all (admin).
  std::optional<std::vector<int64_t>> visibleCompanies() const;
};

}  // namespace MultiFlexi
