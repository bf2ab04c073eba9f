#include "domain/JobOutcome.h"

#include <multiflexi/mfx_plugin.h>

namespace MultiFlexi {

namespace {

struct Outcome {
  int32_t code;
  const char* name;
  JobState state;  ///< for exited: when the exit code is not 0
};

constexpr Outcome kOutcomes[] = {
    {MFX_EXIT_EXITED, "exited", JobState::Failed},
    {MFX_EXIT_SIGNALED, "signaled", JobState::Failed},
    {MFX_EXIT_CANCELLED, "cancelled", JobState::Cancelled},
    {MFX_EXIT_TIMED_OUT, "timed_out", JobState::Failed},
    {MFX_EXIT_LAUNCH_FAILED, "launch_failed", JobState::Failed},
};
constexpr Outcome kLost{MFX_EXIT_LOST, "lost", JobState::Lost};

const Outcome& outcomeOf(int32_t code) {
  for (const Outcome& o : kOutcomes)
    if (o.code == code) return o;
  return kLost;
}

}  // namespace

const char* jobOutcomeName(int32_t outcome) { return outcomeOf(outcome).name; }

JobState jobEndState(int32_t outcome, int32_t exitCode) {
  if (outcome == MFX_EXIT_EXITED && exitCode == 0) return JobState::Success;
  return outcomeOf(outcome).state;
}

}  // namespace MultiFlexi
