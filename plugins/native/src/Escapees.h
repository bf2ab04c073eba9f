// Processes a job left behind outside its process group (setsid, double
// fork): found by process tracking, not cgroups — every process started by
// the job inherits its environment, which carries the job's working
// directory (MULTIFLEXI_TMP=<dir>, unique per install and job). A process
// that re-executes itself with a scrubbed environment escapes this; cgroups
// would not let it, but need a delegated hierarchy the daemon may not have.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace mfx::native {

/// SIGKILLs every process whose environment holds the entry `marker`
/// ("NAME=value") and whose owner is `uid` (else this process's user).
/// Returns how many it killed. Reads /proc; never signals itself.
int killEscapees(const std::string& marker, std::optional<uid_t> uid);

}  // namespace mfx::native
