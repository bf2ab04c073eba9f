// An instant given on the command line (--from, --schedule_time).
#pragma once

#include "common/Clock.h"

#include <string>

namespace date {
class time_zone;
}

namespace MultiFlexi {

/// "now", an ISO-8601 instant with Z or an offset, or a local
/// "YYYY-MM-DD[T ]HH:MM[:SS]" read in `zone` (the earlier one when the
/// local time is repeated). UsageException naming `option` otherwise.
Instant parseInstantOption(const std::string& option, const std::string& text, const date::time_zone& zone);

}  // namespace MultiFlexi
