#include "domain/Job.h"

#include "common/Exceptions.h"

namespace MultiFlexi {

std::string jobStateName(JobState state) {
  switch (state) {
    case JobState::Pending: return "pending";
    case JobState::Running: return "running";
    case JobState::Success: return "success";
    case JobState::Failed: return "failed";
    case JobState::Cancelled: return "cancelled";
    case JobState::Lost: return "lost";
  }
  return "lost";
}

JobState parseJobState(const std::string& name) {
  for (JobState s : {JobState::Pending, JobState::Running, JobState::Success, JobState::Failed,
                     JobState::Cancelled, JobState::Lost})
    if (jobStateName(s) == name) return s;
  throw ValidationException("status", "unknown job state '" + name +
                            "' (use pending, running, success, failed, cancelled or lost)");
}

Job adhocJob(const RunTemplate& runTemplate, Instant due, const std::string& scheduleType) {
  Job job;
  job.runtemplateId = runTemplate.id;
  job.companyId = runTemplate.companyId;
  job.appId = runTemplate.appId;
  job.scheduleType = scheduleType;
  job.scheduledFor = due;
  job.executor = runTemplate.executor;
  return job;
}

Job slotJob(const RunTemplate& runTemplate, Instant slot) {
  Job job = adhocJob(runTemplate, slot + runTemplate.delaySeconds * 1000LL, Interval::name(runTemplate.interval));
  job.slot = slot;
  job.launchedBy = "scheduler";
  return job;
}

}  // namespace MultiFlexi
