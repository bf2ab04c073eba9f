#include "domain/Company.h"

#include "common/Exceptions.h"
#include "domain/Rules.h"

namespace MultiFlexi {

namespace {

void requireSlug(const std::string& slug) {
  Rules::requireText("slug", slug, 64);
  for (std::size_t i = 0; i < slug.size(); ++i) {
    const char c = slug[i];
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && !(i > 0 && (c == '_' || c == '-')))
      throw ValidationException("slug", "'" + slug + "' must match [A-Za-z0-9][A-Za-z0-9_-]*");
  }
}

void requireEmail(const std::string& email) {
  const std::size_t at = email.find('@');
  const bool ok = at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
                  email.find('.', at) != std::string::npos && email.back() != '.' &&
                  email.find(' ') == std::string::npos;
  if (!ok) throw ValidationException("email", "'" + email + "' is not an e-mail address");
}

/// Zabbix's host name rule: 1-128 of [0-9A-Za-z ._-].
void requireZabbixHost(const std::string& host) {
  if (host.empty()) throw ValidationException("zabbix_host", "must not be empty (leave it out for none)");
  if (host.size() > 128) throw ValidationException("zabbix_host", "is longer than 128 characters");
  for (const char c : host) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) throw ValidationException("zabbix_host", "may hold only letters, digits, space, '.', '_' and '-'");
  }
}

}  // namespace

void validateCompany(const Company& company, const EnvNamePolicy& envNames) {
  Rules::requireText("name", company.name, 255);
  requireSlug(company.slug);
  if (company.ic) Rules::requireText("ic", *company.ic, 32);
  if (company.dic) Rules::requireText("dic", *company.dic, 32);
  if (company.email) requireEmail(*company.email);
  if (company.timeZone) Rules::requireTimeZone("timezone", *company.timeZone);
  if (company.zabbixHost) requireZabbixHost(*company.zabbixHost);
  for (const auto& [key, value] : company.environment) envNames.require("env", key);
}

}  // namespace MultiFlexi
