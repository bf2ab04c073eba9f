// The use cases of jobs: ad-hoc runs of a run template (MultiFlexi's
// "run now" and scheduled one-offs), lookups, output, counts, the queue, and
// the artifacts jobs left.
#pragma once

#include "catalog/Catalog.h"
#include "domain/Job.h"
#include "store/ArtifactRepository.h"
#include "store/JobRepository.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

class RunTemplateCatalog;

/// A one-off run of a run template.
struct AdhocRun {
  int64_t runtemplateId = 0;
  Instant due = 0;
  /// Executor for this run only; the template's when not given.
  std::optional<std::string> executor;
  /// One-off environment of this run, not saved on the template, with the
  /// field each came from ("env", "config") for the error that names it.
  std::vector<std::pair<std::string, std::map<std::string, std::string>>> environment;
  /// Who asked (a user name, "cli").
  std::string launchedBy;
  /// MultiFlexi's schedule type: "adhoc-cli" for a run due now, "CommandLine"
  /// for a later one; front-ends give their own ("adhoc-api").
  std::string scheduleTypeNow = "adhoc-cli";
  std::string scheduleTypeLater = "CommandLine";
};

class JobCatalog {
 public:
  JobCatalog(Database& database, CatalogHost& host, RunTemplateCatalog& runTemplates);

  /// Queues a one-off job of an active run template and wakes the executors.
  /// NotFoundException for no template, ConflictException for an inactive
  /// one, ValidationException naming a bad environment name.
  Job schedule(const AdhocRun& run);

  /// Cancels a job for `actor` (who asks, for the job's message). A pending
  /// job ends Cancelled at once ("cancelled by <actor>") and never starts;
  /// a running one gets a durable cancel request that the executor holding
  /// its lease acts on (it is woken): it stops the job (SIGTERM, SIGKILL
  /// after its cancel grace) and records it Cancelled with the real exit.
  /// Asking again while it runs changes nothing. Returns the job as it is
  /// now (Cancelled, or Running with its request). NotFoundException when
  /// there is no such job, ConflictException naming the state when it has
  /// already ended.
  Job cancel(int64_t id, const std::string& actor);

  /// NotFoundException ("no job with id 5") when there is none.
  Job get(int64_t id);
  std::vector<Job> list(const JobFilter& filter);
  /// The job's stored output after chunk `afterSeq`.
  std::vector<OutputChunk> output(int64_t id, int64_t afterSeq = -1);
  /// The job's stored output from byte `fromByte` (>= 0) of its stdout and
  /// stderr in chunk order; the first chunk cut to start there.
  std::vector<OutputChunk> outputFrom(int64_t id, int64_t fromByte);
  /// Jobs per state, of these companies only when `companyIds` is given.
  std::map<JobState, int64_t> countByState(const std::optional<std::vector<int64_t>>& companyIds = std::nullopt);
  std::vector<QueueEntry> queue(int64_t limit, int64_t offset);

  /// NotFoundException ("no artifact with id 5") when there is none.
  Artifact artifact(int64_t id);
  std::vector<Artifact> artifacts(std::optional<int64_t> jobId, int64_t limit, int64_t offset);

 private:
  Database& _database;
  CatalogHost& _host;
  RunTemplateCatalog& _runTemplates;
  JobRepository _jobs;
  ArtifactRepository _artifacts;
};

}  // namespace MultiFlexi
