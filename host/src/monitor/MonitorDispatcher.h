// Turns the scheduler's and the executor's job lifecycle into monitor
// events and hands each to every monitor's queue (monitor/MonitorQueue):
// SCHEDULED for the jobs the scheduler created (jobsCreated) and for ad-hoc
// jobs when an executor claims them — in a process that runs both (`up`),
// for whichever comes first, once, so that a job claimed before the
// scheduler's report still gets SCHEDULED before STARTED; STARTED once the
// start is recorded;
// FINISHED, CANCELLED, FAILED_TO_START once the end is recorded; LOST for
// jobs the executor's lease work declared lost (only there: a late end of a
// lost job sends nothing more); HEARTBEAT on heartbeat().
//
// The executor's loop must not slow down: the observer calls only queue a
// note (no store access, no allocation beyond it). One builder thread of the
// dispatcher reads the records of a batch of notes (each job, template,
// application and company once per batch; monitor/JobReport builds the
// event) and pushes the event to every queue, without ever blocking on a
// monitor. A full note queue (the same capacity as a monitor's) drops the
// note and counts it as dropped for every monitor.
//
// Ownership: the database and the monitors must outlive the dispatcher.
// Threads: every observer call and heartbeat() from any thread; stop() once,
// from the owner. Throws: nothing from the observer calls.
#pragma once

#include "executor/JobEvents.h"
#include "monitor/MonitorQueue.h"
#include "monitor/MonitorStats.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace MultiFlexi {

class Database;

class MonitorDispatcher : public JobObserver {
 public:
  /// Starts one queue thread per monitor and the builder thread.
  /// `daemon` names the process in heartbeats (up, scheduler, executor);
  /// in `up` claimed slot jobs not yet announced are announced.
  MonitorDispatcher(Database& database, const std::vector<MonitorAdapter*>& monitors, MonitorQueueOptions options,
                    std::string daemon);
  /// stop() with no grace when not stopped.
  ~MonitorDispatcher() override;

  // JobObserver
  void jobStarted(int64_t, int64_t) override {}
  void jobFinished(int64_t, const JobEnd&) override {}
  void jobsClaimed(const std::vector<Job>& jobs) override;
  void jobStartRecorded(const JobStartReport& report) override;
  void jobEndRecorded(const JobEndReport& report) override;
  void jobsLost(const std::vector<LostJob>& lost) override;

  /// The scheduler created these jobs (committed).
  void jobsCreated(const std::vector<int64_t>& ids);
  /// Queues a heartbeat with the inventory (read on the builder thread).
  void heartbeat();
  /// Reads the jobs cancelled before they started since the last call (the
  /// first call: since the dispatcher was made) and queues their CANCELLED:
  /// no executor records their end. Called by the process that runs the
  /// scheduler, on its own thread (it reads the store). Throws what the
  /// store throws.
  void pollCancelledBeforeStart();

  /// Builds what is noted, then stops every queue: each delivers what it
  /// holds within `grace` and flushes its monitor. Returns the events left
  /// undelivered in all.
  std::size_t stop(std::chrono::milliseconds grace);
  /// Delivery counts, one per monitor.
  std::vector<MonitorStats> stats() const;

 private:
  struct Note {
    int32_t kind = 0;  // MFX_EV_*; 0: the end of a job, its kind from the record
    int64_t jobId = 0;
    Instant at = 0;
    std::string resultFile;
    std::optional<std::string> resultData;
  };
  void note(Note n);
  /// Queues `n` (the caller holds _mutex); false when dropped or stopped.
  bool queueNote(Note&& n);
  /// An event that could not be built: logged, counted as dropped everywhere.
  void dropUnbuilt(int64_t jobId, const std::string& reason);
  /// Notes SCHEDULED for `jobId` unless it was announced already.
  void announce(int64_t jobId, Instant at);
  void build();
  void publish(const std::shared_ptr<const MonitorEvent>& event);

  Database& _database;
  const MonitorQueueOptions _options;
  const std::string _daemon;
  const std::string _host;
  std::vector<std::unique_ptr<MonitorQueue>> _queues;
  mutable std::mutex _mutex;
  std::condition_variable _wake;
  std::condition_variable _idle;
  std::deque<Note> _notes;
  std::unordered_set<int64_t> _announced;  // jobs SCHEDULED was noted for, the latest kAnnouncedKept
  std::deque<int64_t> _announcedOrder;
  Instant _cancelledAfterEnd;  // pollCancelledBeforeStart's cursor (end_at, id)
  int64_t _cancelledAfterId = 0;
  bool _building = false;
  bool _quit = false;
  bool _stopped = false;
  std::thread _builder;
};

}  // namespace MultiFlexi
