// A client company: the tenant everything else belongs to.
#pragma once

#include "common/Clock.h"
#include "domain/EnvNames.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace MultiFlexi {

struct Company {
  int64_t id = 0;
  std::string name;
  std::string slug;  ///< short code, unique; used in Zabbix keys and MULTIFLEXI_COMPANY_CODE
  std::optional<std::string> ic;   ///< company registration number (Czech IČO)
  std::optional<std::string> dic;  ///< VAT id (Czech DIČ)
  std::optional<std::string> email;
  std::optional<std::string> timeZone;  ///< IANA zone; templates without one use it
  std::optional<std::string> zabbixHost;  ///< the company's host name in Zabbix (monitors); none: the default
  bool enabled = true;
  std::map<std::string, std::string> environment;  ///< variables every job of the company gets
  Instant createdAt = 0;
  Instant updatedAt = 0;
};

/// Throws ValidationException naming the field (as its CLI option) when a
/// value breaks a rule: name 1-255 characters, slug [A-Za-z0-9][A-Za-z0-9_-]
/// up to 64, email with one '@' and a dot in the domain, a known time zone,
/// environment names accepted by `envNames` (domain/EnvNames.h), a Zabbix
/// host name 1-128 of [0-9A-Za-z ._-].
void validateCompany(const Company& company, const EnvNamePolicy& envNames = EnvNamePolicy());

}  // namespace MultiFlexi
