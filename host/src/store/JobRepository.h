// Jobs: created once per template slot, claimed under a lease, finished
// together with their template's counters, ended as lost when their lease
// runs out; and their output, chunk by chunk.
#pragma once

#include "domain/Job.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

/// How a claimed job ended.
struct JobEnd {
  JobState state;  ///< Success, Failed or Cancelled
  std::string outcome;
  std::optional<int64_t> exitCode;
  std::optional<int64_t> termSignal;
  std::string message;
  Instant endAt = 0;
};

/// One stored chunk of output.
struct OutputChunk {
  int64_t seq;
  int stream;  ///< 1 stdout, 2 stderr
  std::string bytes;
};

class JobRepository {
 public:
  explicit JobRepository(Database& database) : _db(database) {}

  /// Creates the job of a template slot and sets the template's
  /// next_schedule to `nextSchedule`, in one transaction. The unique
  /// (runtemplate, slot) key makes a second job for the same slot
  /// impossible: then nothing is created and nothing is returned.
  std::optional<int64_t> createForSlot(const Job& job, std::optional<Instant> nextSchedule);
  /// Creates an ad-hoc job (no slot); it never touches the template's
  /// schedule bookkeeping.
  int64_t createAdhoc(const Job& job);

  /// Claims the earliest due pending job for `owner` until `leaseUntil`.
  /// A job whose template already has a running job is skipped unless the
  /// template allows overlap. Safe with several claimers at once.
  std::optional<Job> claimNext(const std::string& owner, Instant now, Instant leaseUntil);
  /// Records the process id and start instant of a claimed job.
  void markStarted(int64_t id, int64_t pid, Instant beginAt);
  /// Extends the lease; false when the job is no longer this owner's
  /// running job (it was declared lost).
  bool renewLease(int64_t id, const std::string& owner, Instant leaseUntil);
  /// Ends a running job of `owner` and updates the template's success or
  /// failure counter and last_schedule in the same transaction. False when
  /// the job was no longer this owner's running job (nothing changed).
  bool finish(int64_t id, const std::string& owner, const JobEnd& end);
  /// Ends every running job whose lease expired before `now` as lost
  /// (counted as a failure of its template). Returns their ids.
  std::vector<int64_t> expireLeases(Instant now);

  /// Appends a chunk of output (any bytes).
  void appendOutput(int64_t jobId, int64_t seq, int stream, const std::string& bytes);
  std::vector<OutputChunk> output(int64_t jobId);

  std::optional<Job> findById(int64_t id);
  std::vector<Job> list(std::optional<JobState> state, int64_t limit, int64_t offset);

 private:
  Database& _db;
};

}  // namespace MultiFlexi
