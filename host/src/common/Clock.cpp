#include "common/Clock.h"

#include <date/date.h>

namespace MultiFlexi {

std::string formatInstant(Instant ms) {
  const date::sys_time<std::chrono::milliseconds> t{std::chrono::milliseconds(ms)};
  return date::format("%FT%TZ", t);
}

}  // namespace MultiFlexi
