// How a job ended: the outcomes an executor plugin reports (MFX_EXIT_* of
// the plugin ABI), the name the host records and shows for each, and the
// state the job ends in. The one table of them; no I/O.
#pragma once

#include "domain/Job.h"

#include <cstdint>

namespace MultiFlexi {

/// The recorded name of an MFX_EXIT_* outcome: exited, signaled, cancelled,
/// timed_out, launch_failed; any other code is "lost".
const char* jobOutcomeName(int32_t outcome);

/// The state a job ends in: exited with 0 is Success, exited otherwise,
/// signaled, timed out and failed to launch are Failed, cancelled is
/// Cancelled, any other code is Lost.
JobState jobEndState(int32_t outcome, int32_t exitCode);

}  // namespace MultiFlexi
