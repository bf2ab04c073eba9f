// One entry of the security audit trail: who did what to which record, when.
#pragma once

#include "common/Clock.h"

#include <cstdint>
#include <optional>
#include <string>

namespace MultiFlexi {

struct AuditEvent {
  int64_t id = 0;
  Instant at = 0;
  std::string actor;    ///< the Unix user who ran the command
  std::string action;   ///< "credential.reveal", "encryption.rotate" ...
  std::string subject;  ///< "credential 7"
  std::optional<int64_t> companyId;
  std::optional<std::string> detail;
};

}  // namespace MultiFlexi
