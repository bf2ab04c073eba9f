// Jobs: created once per template slot, claimed under a lease, finished
// together with their template's counters, ended as lost when their lease
// runs out; and their output, chunk by chunk.
//
// Writes take the session of the caller's write transaction (see
// inTransaction), so that a daemon can record many changes with one commit.
// Reads open their own connection.
#pragma once

#include "domain/Job.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <map>
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

/// What is known once a claimed job's process runs.
struct JobStart {
  std::optional<int64_t> pid;
  Instant beginAt = 0;
  std::string command;
  std::string envJson;  ///< the environment snapshot, secrets redacted
  std::optional<std::string> appVersion;
  std::string secretEnvJson;  ///< the secret variables (JSON object), stored sealed; empty when none
  std::optional<std::string> externalRef;  ///< the executor's id for the job (container id ...)
};

/// One stored chunk of output.
struct OutputChunk {
  int64_t seq;
  int stream;  ///< 1 stdout, 2 stderr
  std::string bytes;
  /// Where `bytes` start in the job's output: stdout and stderr are one
  /// stream of bytes in chunk order (as `2>&1` would have interleaved them).
  int64_t offset;
};

/// A job that was ended as lost, and where its process ran.
struct LostJob {
  int64_t id;
  std::optional<int64_t> pid;
  std::string leaseOwner;
};

/// Which jobs list() returns.
struct JobFilter {
  std::optional<JobState> state;
  std::optional<int64_t> runtemplateId;
  std::optional<int64_t> companyId;
  /// Only these companies' jobs (a caller's visible ones); all when unset.
  std::optional<std::vector<int64_t>> companyIds;
  /// Only jobs scheduled at or after `scheduledFrom` and before `scheduledUntil`.
  std::optional<Instant> scheduledFrom;
  std::optional<Instant> scheduledUntil;
  /// One of JobRepository::kOrderColumns; newest first when unset.
  std::optional<ListOrder> order;
  int64_t limit = 100;
  int64_t offset = 0;
};

/// A pending job with the names a queue listing shows.
struct QueueEntry {
  Job job;
  std::string runtemplateName;
  std::string appName;
  std::string companyName;
};

class JobRepository {
 public:
  explicit JobRepository(Database& database) : _db(database) {}

  /// Creates the jobs of a template's due slots and sets its next_schedule
  /// to `nextSchedule`. The unique (runtemplate, slot) key makes a second
  /// job for a slot impossible: such a slot is skipped. Returns the ids of
  /// the jobs created.
  std::vector<int64_t> createForSlots(Poco::Data::Session& s, int64_t runtemplateId, const std::vector<Job>& jobs,
                                      std::optional<Instant> nextSchedule);
  /// Creates an ad-hoc job (no slot); it never touches the template's
  /// schedule bookkeeping. `overrides` are its one-off environment values.
  int64_t createAdhoc(Poco::Data::Session& s, const Job& job, const std::map<std::string, std::string>& overrides);

  /// Claims up to `limit` due pending jobs, earliest first, for `owner`
  /// until `leaseUntil`. A job whose template has a running job is skipped
  /// unless the template allows overlap. Safe with several claimers.
  std::vector<Job> claimDue(Poco::Data::Session& s, const std::string& owner, Instant now, Instant leaseUntil,
                            std::size_t limit);
  /// Records the process and the command line of a claimed job.
  void markStarted(Poco::Data::Session& s, int64_t id, const JobStart& start);
  /// Extends the lease of every running job of `owner`; returns the ids it
  /// still holds (a job missing from them was declared lost).
  std::vector<int64_t> renewLeases(Poco::Data::Session& s, const std::string& owner, Instant leaseUntil);
  /// Ends a running job of `owner` and updates the template's success or
  /// failure counter and last_schedule. False when the job was no longer
  /// this owner's running job (nothing changed).
  bool finish(Poco::Data::Session& s, int64_t id, const std::string& owner, const JobEnd& end);
  /// Ends every running job whose lease expired before `now` as lost
  /// (counted as a failure of its template).
  std::vector<LostJob> expireLeases(Poco::Data::Session& s, Instant now);
  /// Appends a note to a job's message (e.g. what happened to a lost job's process).
  void appendMessage(Poco::Data::Session& s, int64_t id, const std::string& note);
  /// Cancels a pending job at once: state and outcome cancelled, ended at
  /// `now` with "cancelled by <actor>". Not counted on its template (it
  /// never ran). False when the job is not pending (nothing changed).
  bool cancelPending(Poco::Data::Session& s, int64_t id, const std::string& actor, Instant now);
  /// Records a durable request to cancel a running job for the executor
  /// that holds its lease; a second request keeps the first one's time and
  /// actor. False when the job is not running (nothing changed).
  bool requestCancel(Poco::Data::Session& s, int64_t id, const std::string& actor, Instant now);
  /// The running jobs of `owner` with a cancel request: id -> who asked.
  std::map<int64_t, std::string> cancelRequests(Poco::Data::Session& s, const std::string& owner);
  /// Appends a chunk of output (any bytes). Chunks are appended in seq
  /// order: a chunk starts at the byte where the one before it ends.
  void appendOutput(Poco::Data::Session& s, int64_t jobId, int64_t seq, int stream, const std::string& bytes);

  /// Output chunks with seq > afterSeq, in order.
  std::vector<OutputChunk> output(int64_t jobId, int64_t afterSeq = -1);

  /// The job's output from byte `fromByte` on (>= 0), in order: the chunk
  /// holding that byte cut to start there, then every later one. Empty when
  /// the output is not that long yet. Seeks by an index, reads no earlier chunk.
  std::vector<OutputChunk> outputFrom(int64_t jobId, int64_t fromByte);
  std::optional<Job> findById(int64_t id);
  /// Jobs cancelled before they started (no executor saw their end) whose
  /// end lies after (`afterEnd`, `afterId`), in (end_at, id) order, at most
  /// `limit`: each as its id and end.
  std::vector<std::pair<int64_t, Instant>> cancelledBeforeStart(Instant afterEnd, int64_t afterId, int64_t limit);
  /// The one-off overrides of an ad-hoc job.
  std::map<std::string, std::string> overrides(int64_t id);
  std::vector<Job> list(const JobFilter& filter);
  /// The columns list() may be ordered by.
  static const std::vector<std::string> kOrderColumns;
  /// Number of jobs in each state (states without jobs are absent).
  /// Jobs per state, of these companies only when `companyIds` is given.
  std::map<JobState, int64_t> countByState(const std::optional<std::vector<int64_t>>& companyIds = std::nullopt);
  /// Pending jobs, earliest due first.
  std::vector<QueueEntry> queue(int64_t limit, int64_t offset);
  /// When the earliest pending job is due; nothing when none is pending.
  std::optional<Instant> nextDue();

 private:
  Database& _db;
};

}  // namespace MultiFlexi
