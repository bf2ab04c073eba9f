// How ExecutorService records a pass, and what it does when the store
// refuses: transient errors are retried with the events kept, permanent ones
// isolated to the job whose record fails (see ExecutorService.h).
#include "domain/JobOutcome.h"
#include "executor/ExecutorPass.h"

#include "executor/LeftoverReaper.h"
#include "store/ArtifactRepository.h"
#include "store/StoreErrors.h"
#include "store/Transaction.h"

#include <algorithm>

namespace MultiFlexi {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

Poco::Logger& logger() { return executorLogger(); }

constexpr milliseconds kFlushInterval{100};          // how often output of running jobs is stored
constexpr milliseconds kFailureLogInterval{60'000};  // how often a lasting store failure is logged again

/// How the plugin's verdict is recorded.
JobEnd jobEndOf(const JobResult& r, Instant at) {
  JobEnd end{jobEndState(r.outcome, r.exitCode), jobOutcomeName(r.outcome), std::nullopt, std::nullopt, r.message, at};
  if (r.outcome == MFX_EXIT_EXITED) end.exitCode = r.exitCode;
  if (r.outcome == MFX_EXIT_SIGNALED || r.termSignal != 0) end.termSignal = r.termSignal;
  return end;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}
}  // namespace

bool ExecutorService::recordPass(Pass& pass, Instant now) {
  try {
    try {
      record(pass, now);
    } catch (const Poco::Exception& e) {
      if (classifyStoreError(e) == StoreErrorKind::Transient) {
        _unrecorded = std::move(pass.events);  // kept for the next pass
        throw;
      }
      logger().error("cannot record job changes: %s; recording them job by job to find the job that fails",
                     e.displayText());
      recordJobByJob(pass, now);
    }
  } catch (const Poco::Exception& e) {
    storeFailed(e);
    return false;
  }
  if (_storeFailures > 0)
    logger().notice("job changes are recorded again, after %?d failed attempt(s)", _storeFailures);
  _storeFailures = 0;
  return true;
}

void ExecutorService::record(Pass& pass, Instant now) {
  const bool leaseWork = Clock::now() >= _nextLeaseWork;
  // Jobs ending in this pass free their places for this pass's claims.
  std::size_t ending = 0;
  for (const JobEvent& e : pass.events)
    if (e.kind == JobEvent::Kind::Finished && _running.count(e.jobId)) ++ending;
  const std::size_t slots = freePlaces(_running.size() - std::min(ending, _running.size()));
  pass.claimTried = !_draining && slots > 0;
  Ended ended;
  Pass done;  // filled only once committed
  inTransaction(
      _db,
      [&](Poco::Data::Session& s) {
        ended.clear();
        done = Pass{};
        writeEvents(s, pass.events, pass, Cut{}, ended);
        leaseWorkAndClaims(s, done, now, leaseWork, pass.claimTried ? slots : 0);
      },
      lockWait());
  pass.ended = std::move(ended);
  noteStarts(pass, pass.events);
  pass.claimed = std::move(done.claimed);
  pass.claimFilled = done.claimFilled;
  pass.lost = std::move(done.lost);
  pass.held = std::move(done.held);
  pass.cancelRequests = std::move(done.cancelRequests);
  if (leaseWork) _nextLeaseWork = Clock::now() + _settings.lease / 3;
  if (!pass.events.empty()) _nextFlush = Clock::now() + kFlushInterval;
}

void ExecutorService::noteStarts(Pass& pass, const std::vector<JobEvent>& committed) {
  for (const JobEvent& e : committed)
    if (e.kind == JobEvent::Kind::Started) pass.started.push_back(e);
}

void ExecutorService::recordJobByJob(Pass& pass, Instant now) {
  // Each job's events, in the order the jobs first appear.
  std::vector<int64_t> order;
  std::map<int64_t, std::vector<JobEvent>> byJob;
  for (JobEvent& e : pass.events) {
    auto& events = byJob[e.jobId];
    if (events.empty()) order.push_back(e.jobId);
    events.push_back(std::move(e));
  }
  pass.events.clear();
  for (std::size_t i = 0; i < order.size(); ++i) {
    const int64_t id = order[i];
    try {
      try {
        Ended ended;
        inTransaction(
            _db,
            [&](Poco::Data::Session& s) {
              ended.clear();
              writeEvents(s, byJob[id], pass, Cut{}, ended);
            },
            lockWait());
        pass.ended.insert(pass.ended.end(), ended.begin(), ended.end());
        noteStarts(pass, byJob[id]);
      } catch (const Poco::Exception& e) {
        if (classifyStoreError(e) == StoreErrorKind::Transient) throw;
        recordCulprit(pass, id, byJob[id], e.displayText());
      }
    } catch (const Poco::Exception&) {
      // Keep what is not recorded, in order, for the next pass.
      for (std::size_t j = i; j < order.size(); ++j)
        for (JobEvent& e : byJob[order[j]]) _unrecorded.push_back(std::move(e));
      throw;
    }
  }
  const bool leaseWork = Clock::now() >= _nextLeaseWork;
  if (!leaseWork && !pass.claimTried) return;
  const std::size_t slots = pass.claimTried ? freePlaces(_running.size()) : 0;
  Pass done;
  inTransaction(
      _db,
      [&](Poco::Data::Session& s) {
        done = Pass{};
        leaseWorkAndClaims(s, done, now, leaseWork, slots);
      },
      lockWait());
  pass.claimed = std::move(done.claimed);
  pass.claimFilled = done.claimFilled;
  pass.lost = std::move(done.lost);
  pass.held = std::move(done.held);
  pass.cancelRequests = std::move(done.cancelRequests);
  if (leaseWork) _nextLeaseWork = Clock::now() + _settings.lease / 3;
}

void ExecutorService::recordCulprit(Pass& pass, int64_t jobId, const std::vector<JobEvent>& events,
                                    const std::string& reason) {
  bool finished = false, output = false, started = false;
  for (const JobEvent& e : events) {
    finished |= e.kind == JobEvent::Kind::Finished;
    output |= e.kind == JobEvent::Kind::Output;
    started |= e.kind == JobEvent::Kind::Started;
  }
  const auto collected = pass.artifacts.find(jobId);
  const bool artifacts = finished && collected != pass.artifacts.end() && !collected->second.files.empty();
  const std::string prefix = "its record could not be written (" + reason + "): ";
  std::vector<Cut> cuts;
  if (finished) {
    if (artifacts) cuts.push_back(Cut{false, true, true, prefix + "its artifacts were not stored"});
    if (output)
      cuts.push_back(Cut{false, false, true, prefix + "its output from here on and its artifacts were not stored"});
    cuts.push_back(Cut{false, false, false, prefix + "its start, its output from here on and its artifacts were not stored"});
  } else {
    if (output && started) cuts.push_back(Cut{false, false, true, prefix + "its output from here on was not stored"});
    cuts.push_back(Cut{false, false, false, prefix + "its start and its output from here on were not stored"});
  }
  for (const Cut& cut : cuts) {
    try {
      Ended ended;
      inTransaction(
          _db,
          [&](Poco::Data::Session& s) {
            ended.clear();
            writeEvents(s, events, pass, cut, ended);
          },
          lockWait());
      pass.ended.insert(pass.ended.end(), ended.begin(), ended.end());
      logger().error("job %?d: %s", jobId, cut.note);
      if (!finished) {
        // Still running: stop it; its end is recorded as failed with the reason.
        auto it = _running.find(jobId);
        if (it != _running.end()) {
          it->second->recordError = cut.note;
          if (it->second->host && !it->second->cancelled) {
            it->second->cancelled = true;
            it->second->host->cancel(_settings.cancelGrace);
          }
        }
      }
      return;
    } catch (const Poco::Exception& e) {
      if (classifyStoreError(e) == StoreErrorKind::Transient) throw;
    }
  }
  // Not even the bare end can be written: the job stays running in the
  // store until its lease expires (after this executor stops renewing it).
  logger().critical("job %?d: its end cannot be recorded (%s); it is left to its lease", jobId, reason);
  if (finished) pass.ended.emplace_back(jobId, JobEnd{JobState::Failed, "", std::nullopt, std::nullopt, reason, nowMs()});
}

void ExecutorService::writeEvents(Poco::Data::Session& s, const std::vector<JobEvent>& events, const Pass& pass,
                                  const Cut& cut, Ended& ended) {
  ArtifactRepository artifacts(_db);
  for (const JobEvent& e : events) {
    auto it = _running.find(e.jobId);
    switch (e.kind) {
      case JobEvent::Kind::Started: {
        if (!cut.started) break;
        // pid -1: the job has no local process (a container, a remote job).
        JobStart start{e.pid > 0 ? std::optional<int64_t>(e.pid) : std::nullopt, e.at, "", "", std::nullopt, "",
                       e.externalRef.empty() ? std::nullopt : std::optional<std::string>(e.externalRef)};
        if (it != _running.end()) {
          start.command = it->second->launch.commandLine;
          start.envJson = it->second->launch.envJson;
          start.appVersion = it->second->launch.app.version;
          start.secretEnvJson = it->second->launch.secretEnvJson;
        }
        _jobs.markStarted(s, e.jobId, start);
        break;
      }
      case JobEvent::Kind::Output:
        if (cut.output) _jobs.appendOutput(s, e.jobId, e.seq, e.stream, e.bytes);
        break;
      case JobEvent::Kind::Finished: {
        JobEnd end = jobEndOf(e.result, e.at);
        std::vector<std::string> notes;
        if (it != _running.end() && it->second->cancelledBy && end.state == JobState::Cancelled)
          notes.push_back("cancelled by " + *it->second->cancelledBy);
        if (!end.message.empty()) notes.push_back(end.message);
        if (e.droppedBytes > 0)
          notes.push_back(std::to_string(e.droppedBytes) + " bytes of output over the limit were not stored");
        auto collected = pass.artifacts.find(e.jobId);
        if (collected != pass.artifacts.end())
          notes.insert(notes.end(), collected->second.notes.begin(), collected->second.notes.end());
        // A job whose record failed ends failed, with the reason.
        const std::string failure =
            !cut.note.empty() ? cut.note : (it != _running.end() ? it->second->recordError : std::string());
        if (!failure.empty()) {
          end.state = JobState::Failed;
          notes.push_back(failure);
        }
        end.message = joined(notes);
        if (_jobs.finish(s, e.jobId, _owner, end)) {
          if (collected != pass.artifacts.end() && cut.artifacts)
            for (Artifact a : collected->second.files) {
              a.jobId = e.jobId;
              artifacts.add(s, a);
            }
        } else {
          logger().warning("job %?d ended after it was declared lost; its end is not recorded", e.jobId);
        }
        ended.emplace_back(e.jobId, end);
        break;
      }
    }
  }
}

void ExecutorService::leaseWorkAndClaims(Poco::Data::Session& s, Pass& pass, Instant now, bool leaseWork,
                                         std::size_t slots) {
  if (leaseWork) {
    pass.held = _jobs.renewLeases(s, _owner, now + _settings.lease.count());
    pass.lost = _jobs.expireLeases(s, now);
    for (const LostJob& lost : pass.lost) _jobs.appendMessage(s, lost.id, reapLeftovers(lost, _settings.launch.jobsDir));
  }
  // Before the claims: a job claimed now cannot have a request yet.
  if (!_running.empty()) pass.cancelRequests = _jobs.cancelRequests(s, _owner);
  if (slots > 0) {
    pass.claimed = _jobs.claimDue(s, _owner, now, now + _settings.lease.count(), slots);
    pass.claimFilled = pass.claimed.size() == slots;
  }
}

milliseconds ExecutorService::lockWait() const {
  if (!_draining) return kLockWait;
  // Stopping: never wait for a lock past the point where recording is given up.
  const auto left = std::chrono::duration_cast<milliseconds>(_drainDeadline + kRecordGrace - Clock::now());
  return std::clamp(left, milliseconds(50), kLockWait);
}

void ExecutorService::storeFailed(const Poco::Exception& e) {
  const auto now = Clock::now();
  if (++_storeFailures == 1) {
    logger().error("cannot record job changes (%s); they are kept in memory and retried every %?d ms",
                   e.displayText(), kRetryPause.count());
    _storeFailureLogged = now;
  } else if (now - _storeFailureLogged >= kFailureLogInterval) {
    logger().error("still cannot record job changes after %?d attempts (%s)", _storeFailures, e.displayText());
    _storeFailureLogged = now;
  }
}

void ExecutorService::abandonUnrecorded() {
  std::size_t outputEvents = 0;
  for (const JobEvent& e : _unrecorded) outputEvents += e.kind == JobEvent::Kind::Output;
  for (const auto& [id, job] : _running)
    logger().error("job %?d: its end is not recorded (the database cannot be written); the next executor start "
                   "ends it as lost when its lease expires",
                   id);
  logger().error("stopping without recording %z event(s) (%z of them output) after %?d failed attempt(s)",
                 _unrecorded.size(), outputEvents, _storeFailures);
  _unrecorded.clear();
}

}  // namespace MultiFlexi
