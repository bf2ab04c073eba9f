// A job: one run of an application for a company, from a run template's
// slot or ad hoc, and how it ended.
#pragma once

#include "common/Clock.h"
#include "domain/RunTemplate.h"

#include <cstdint>
#include <optional>
#include <string>

namespace MultiFlexi {

/// pending -> running -> success | failed | cancelled | lost
enum class JobState { Pending, Running, Success, Failed, Cancelled, Lost };

std::string jobStateName(JobState state);
/// Throws ValidationException "--status: ..." for an unknown name.
JobState parseJobState(const std::string& name);

struct Job {
  int64_t id = 0;
  std::optional<int64_t> runtemplateId;
  int64_t companyId = 0;
  int64_t appId = 0;
  JobState state = JobState::Pending;
  std::string scheduleType;         ///< interval name ("daily" ...), "adhoc-cli", "adhoc-api" ...
  std::optional<Instant> slot;      ///< the template's slot; empty for ad-hoc jobs
  Instant scheduledFor = 0;         ///< due instant (slot + delay, or the ad-hoc time)
  std::optional<Instant> beginAt;
  std::optional<Instant> endAt;
  std::optional<std::string> outcome;  ///< jobOutcomeName() (domain/JobOutcome.h)
  std::optional<int64_t> exitCode;
  std::optional<int64_t> termSignal;
  std::optional<std::string> message;
  std::optional<int64_t> pid;
  std::optional<std::string> externalRef;  ///< the executor's id for the job (container id ...)
  std::string executor = "native";
  std::optional<std::string> launchedBy;
  std::optional<std::string> command;
  std::optional<std::string> envJson;
  std::optional<std::string> appVersion;
  std::optional<std::string> leaseOwner;
  std::optional<Instant> leaseUntil;
  std::optional<Instant> cancelRequestedAt;     ///< a cancel was asked while it ran
  std::optional<std::string> cancelRequestedBy;  ///< who asked
  Instant createdAt = 0;
};

/// An ad-hoc run of `runTemplate` (no slot) due at `due`, on the template's
/// executor; `scheduleType` says who asked ("adhoc-cli", "CommandLine" ...).
Job adhocJob(const RunTemplate& runTemplate, Instant due, const std::string& scheduleType);

/// The scheduler's run of `runTemplate` for its slot `slot`: due at the slot
/// plus the template's delay, typed by its interval, launched by "scheduler".
Job slotJob(const RunTemplate& runTemplate, Instant slot);

}  // namespace MultiFlexi
