// The one builder of what monitors receive about a job: the mfx_job_event
// and its attributes_json, keyed exactly as sdk/README.md "Monitor events"
// lists them (MultiFlexi's job report fields and ours). No I/O: the
// dispatcher reads the records and hands them in.
//
// Secrets: no environment value is ever put in; `message` is the job's
// message as recorded (masked by the executor), `data` the collected result
// file (masked the same way).
#pragma once

#include "domain/Application.h"
#include "domain/Company.h"
#include "domain/Job.h"
#include "domain/RunTemplate.h"
#include "monitor/MonitorEvent.h"

#include <cstdint>
#include <optional>
#include <string>

namespace MultiFlexi {

/// Everything known about one job event; records may be missing (deleted).
struct JobReportInput {
  int32_t kind = 0;  ///< MFX_EV_SCHEDULED ... MFX_EV_LOST
  const Job* job = nullptr;  ///< required
  const RunTemplate* runTemplate = nullptr;
  const Application* app = nullptr;
  const Company* company = nullptr;
  Instant at = 0;  ///< when it happened
  std::string resultFile;                 ///< relative name; empty when none
  std::optional<std::string> resultData;  ///< end events
  std::string host;                       ///< this machine's name
};

/// The phase name of an event kind: created, jobStart, jobDone,
/// failedToStart, cancelled, lost.
const char* phaseOf(int32_t kind);

/// The event kind a recorded end stands for (outcome launch_failed ->
/// FAILED_TO_START, cancelled -> CANCELLED, lost -> LOST, else FINISHED).
int32_t endKindOf(const std::string& recordedOutcome, JobState state);

/// The outcome monitors see: success, failed, timed_out, cancelled,
/// failed_to_start, lost.
std::string reportedOutcome(const std::string& recordedOutcome, JobState state);

/// The manifest's English text for `exitCode`, else "Undocumented".
std::string exitCodeDescription(const Application* app, int64_t exitCode);

/// The length of an interval code in seconds (0 for n and c).
int64_t intervalSeconds(char interval);

/// The event, attributes included. Result data over 64 KiB is left out.
MonitorEvent jobReport(const JobReportInput& input);

}  // namespace MultiFlexi
