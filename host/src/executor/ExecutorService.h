// The executor daemon: claims due jobs under a lease, runs them through the
// executor plugin their template names, and records what happens.
//
// One loop thread does all of the recording: each pass takes the events of
// running jobs (start, output, end), collects the artifacts of ended jobs,
// and writes everything, lease renewal and new claims included, in one
// transaction — so a burst of jobs costs a few commits, not a few per job.
//
// When the store refuses a pass, what happens depends on the error (see
// store/StoreErrors.h). A transient one (busy, full disk, I/O error) keeps
// the events in memory and retries, logging the first failure and then once
// a minute. A permanent one (a constraint or trigger refusing a row) is
// isolated: the pass is recorded job by job, and the job whose record fails
// is recorded as failed with the reason, without the part that cannot be
// written (its artifacts, then its output, then its start); a job still
// running is cancelled. The other jobs go on.
//
// A cancel request (JobCatalog::cancel, from any process) is read in every
// pass while jobs run; the job is stopped as on a timeout (SIGTERM, SIGKILL
// after cancelGrace) and recorded Cancelled with its real exit.
//
// Stopping never waits for the store: when the drain's grace is over and
// records still fail, the loop gives up after kRecordGrace, logs the jobs
// whose end is not recorded and returns; their lease expires and the next
// executor start ends them as lost (as after kill -9). Each transaction
// waits at most a few seconds for another connection's lock.
#pragma once

#include "executor/CanRunCache.h"
#include "executor/JobEvents.h"
#include "executor/JobLaunch.h"
#include "app/WakeChannel.h"
#include "store/Database.h"
#include "store/JobRepository.h"

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

namespace MultiFlexi {

class PluginRegistry;

struct ExecutorSettings {
  LaunchSettings launch;
  std::string runDir;             ///< where other processes wake us (WakeChannel)
  std::size_t maxParallel = 0;    ///< 0: no limit
  std::chrono::milliseconds lease{30'000};
  std::chrono::milliseconds cyclePause{60'000};
  std::chrono::milliseconds shutdownGrace{30'000};
  std::chrono::milliseconds cancelGrace{5'000};  ///< SIGTERM -> SIGKILL when a job is cancelled
  int64_t outputLimit = 64 << 20;
  int64_t artifactLimit = 64 << 20;
  int64_t memoryLimitMb = 0;      ///< 0: off
};

class ExecutorService {
 public:
  ExecutorService(Database& database, PluginRegistry& plugins, ExecutorSettings settings);
  /// Cancels and waits for jobs still running (run() normally ends them).
  ~ExecutorService();
  ExecutorService(const ExecutorService&) = delete;
  ExecutorService& operator=(const ExecutorService&) = delete;

  /// Runs until stop(), then drains: claims nothing more, lets running jobs
  /// go on for the shutdown grace, cancels the rest and records them. With
  /// `once` it also returns as soon as nothing is due and nothing runs.
  void run(bool once);
  /// Asks run() to drain and return; any thread.
  void stop();
  /// New work may be due (a job was created in this process); any thread.
  void wake();
  /// Must be set before run(); the observer must outlive the service.
  void setObserver(JobObserver* observer) { _observer = observer; }
  const std::string& owner() const { return _owner; }

 private:
  struct Running;
  struct Pass;

  using Ended = std::vector<std::pair<int64_t, JobEnd>>;
  /// How a job's record is cut down after the store refused it.
  struct Cut;

  Pass takePass();
  /// Records the pass; false when the store is unavailable (what was not
  /// recorded is kept for the next pass).
  bool recordPass(Pass& pass, Instant now);
  /// Everything in one transaction.
  void record(Pass& pass, Instant now);
  /// After a permanent error: each job's events in their own transaction,
  /// then the lease work and claims. Throws a transient error (what was not
  /// recorded is kept).
  void recordJobByJob(Pass& pass, Instant now);
  /// Records one job's events cut down until the store takes them.
  void recordCulprit(Pass& pass, int64_t jobId, const std::vector<JobEvent>& events, const std::string& reason);
  /// Writes `events` in `s`; the jobs whose end was written go to `ended`.
  void writeEvents(Poco::Data::Session& s, const std::vector<JobEvent>& events, const Pass& pass, const Cut& cut,
                   Ended& ended);
  void leaseWorkAndClaims(Poco::Data::Session& s, Pass& pass, Instant now, bool leaseWork, std::size_t slots);
  /// How long a transaction may wait for another connection's lock.
  std::chrono::milliseconds lockWait() const;
  void storeFailed(const Poco::Exception& e);
  /// Stopping with records that cannot be written: says what is left out.
  void abandonUnrecorded();
  void afterCommit(Pass& pass);
  /// Keeps the committed starts of `committed` for the observer.
  static void noteStarts(Pass& pass, const std::vector<JobEvent>& committed);
  /// Tells the observer what the pass committed (before the ended jobs are forgotten).
  void tellObserver(const Pass& pass);
  /// Stops the running jobs whose cancel was requested (JobCatalog::cancel).
  void honourCancelRequests(const std::map<int64_t, std::string>& requests);
  /// Asks the executor's cached can_run first, then prepares and starts the job.
  void launch(const Job& job, LaunchCache& cache);
  void failLaunch(int64_t jobId, const std::string& message);
  std::chrono::steady_clock::time_point nextDeadline(bool moreDue);
  /// How many jobs a pass may claim with `busy` jobs running (at most a batch).
  std::size_t freePlaces(std::size_t busy) const;
  void checkMemory();

  Database& _db;
  PluginRegistry& _plugins;
  const ExecutorSettings _settings;
  const std::string _owner;
  JobRepository _jobs;
  CredentialCatalog _credentials;
  CanRunCache _canRun;
  WakeChannel _channel;
  JobEventQueue _events;
  JobObserver* _observer = nullptr;
  std::map<int64_t, std::unique_ptr<Running>> _running;
  std::vector<JobEvent> _unrecorded;  // taken by a pass whose transaction failed
  int64_t _storeFailures = 0;          // passes in a row the store refused
  std::chrono::steady_clock::time_point _storeFailureLogged;
  std::atomic<bool> _stopRequested{false};
  bool _draining = false;
  bool _cancelled = false;
  std::chrono::steady_clock::time_point _drainDeadline;
  std::chrono::steady_clock::time_point _nextLeaseWork;
  std::chrono::steady_clock::time_point _nextFlush;
};

}  // namespace MultiFlexi
