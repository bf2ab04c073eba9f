#include "catalog/JobCatalog.h"

#include "store/AuditRepository.h"

#include "catalog/RunTemplateCatalog.h"
#include "common/Exceptions.h"
#include "store/Transaction.h"

namespace MultiFlexi {

namespace {
/// MultiFlexi: a run due within 5 s is an ad-hoc run, a later one a scheduled one-off.
constexpr Instant kAdhocWindowMs = 5'000;
}  // namespace

JobCatalog::JobCatalog(Database& database, CatalogHost& host, RunTemplateCatalog& runTemplates)
    : _database(database), _host(host), _runTemplates(runTemplates), _jobs(database), _artifacts(database) {}

Job JobCatalog::schedule(const AdhocRun& run) {
  const RunTemplate runTemplate = _runTemplates.get(run.runtemplateId);
  if (!runTemplate.active)
    throw ConflictException("run template '" + runTemplate.name + "' (id " + std::to_string(runTemplate.id) +
                            ") is inactive: activate it first (run-template:update --id " +
                            std::to_string(runTemplate.id) + " --active 1)");
  std::map<std::string, std::string> overrides;
  for (const auto& [field, values] : run.environment)
    for (const auto& [k, v] : values) {
      _host.envNames.require(field, k);
      overrides[k] = v;
    }
  Job job = adhocJob(runTemplate, run.due,
                     run.due <= nowMs() + kAdhocWindowMs ? run.scheduleTypeNow : run.scheduleTypeLater);
  job.executor = run.executor.value_or(runTemplate.executor);
  job.launchedBy = run.launchedBy;
  const int64_t id = inTransaction(_database, [&](Poco::Data::Session& s) { return _jobs.createAdhoc(s, job, overrides); });
  // The override names only: their values may be secrets.
  std::string names;
  for (const auto& [k, v] : overrides) names += (names.empty() ? " with " : ", ") + k;
  AuditRepository(_database).record("job.schedule", "job " + std::to_string(id), runTemplate.companyId,
                                    "run template " + std::to_string(runTemplate.id) + names);
  _host.notify(Change::Jobs);
  return get(id);
}

Job JobCatalog::cancel(int64_t id, const std::string& actor) {
  enum class Done { Cancelled, Requested, Neither };
  const Done done = inTransaction(_database, [&](Poco::Data::Session& s) {
    if (_jobs.cancelPending(s, id, actor, nowMs())) return Done::Cancelled;
    return _jobs.requestCancel(s, id, actor, nowMs()) ? Done::Requested : Done::Neither;
  });
  if (done == Done::Requested) _host.notify(Change::Jobs);  // its executor acts on the request
  const Job job = get(id);
  // Neither pending nor running: a job never leaves an ended state.
  if (done == Done::Neither)
    throw ConflictException("job " + std::to_string(id) + " has already ended (" + jobStateName(job.state) +
                            "): only a pending or running job can be cancelled");
  AuditRepository(_database).record("job.cancel", "job " + std::to_string(id), job.companyId,
                                    done == Done::Cancelled ? "pending: cancelled" : "running: stop requested");
  return job;
}

Job JobCatalog::get(int64_t id) {
  auto job = _jobs.findById(id);
  if (!job) throw NotFoundException("no job with id " + std::to_string(id));
  return *job;
}

std::vector<Job> JobCatalog::list(const JobFilter& filter) { return _jobs.list(filter); }

std::vector<OutputChunk> JobCatalog::output(int64_t id, int64_t afterSeq) { return _jobs.output(id, afterSeq); }
std::vector<OutputChunk> JobCatalog::outputFrom(int64_t id, int64_t fromByte) { return _jobs.outputFrom(id, fromByte); }

std::map<JobState, int64_t> JobCatalog::countByState(const std::optional<std::vector<int64_t>>& companyIds) {
  return _jobs.countByState(companyIds);
}

std::vector<QueueEntry> JobCatalog::queue(int64_t limit, int64_t offset) { return _jobs.queue(limit, offset); }

Artifact JobCatalog::artifact(int64_t id) {
  auto artifact = _artifacts.findById(id);
  if (!artifact) throw NotFoundException("no artifact with id " + std::to_string(id));
  return *artifact;
}

std::vector<Artifact> JobCatalog::artifacts(std::optional<int64_t> jobId, int64_t limit, int64_t offset) {
  return _artifacts.list(jobId, limit, offset);
}

}  // namespace MultiFlexi
