#include "executor/ExecutorService.h"

#include "common/Exceptions.h"
#include "executor/ExecutorPass.h"
#include "executor/LeftoverReaper.h"
#include "executor/SecretMasker.h"
#include "plugin/PluginRegistry.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

namespace MultiFlexi {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

Poco::Logger& logger() { return executorLogger(); }

constexpr std::size_t kClaimBatch = 64;             // jobs claimed per transaction
constexpr std::size_t kMaxQueuedOutput = 8u << 20;  // bytes waiting to be stored

int64_t residentMb() {
  std::ifstream statm("/proc/self/statm");
  int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * ::sysconf(_SC_PAGESIZE) / (1 << 20);
}

constexpr std::size_t kMaxResultData = 64 << 10;  // the result file's content given to the observer

/// The collected result file's content with the job's secrets masked (an
/// artifact of a binary type is stored unmasked), when collected and at most
/// kMaxResultData.
std::optional<std::string> resultDataOf(const JobLaunch& launch, const CollectedArtifacts& collected) {
  if (launch.resultFile.empty()) return std::nullopt;
  for (const Artifact& a : collected.files)
    if (a.filename == launch.resultFile && a.content.size() <= kMaxResultData)
      return SecretMasker(launch.environment.secretValues()).mask(a.content);
  return std::nullopt;
}

}  // namespace

ExecutorService::ExecutorService(Database& database, PluginRegistry& plugins, ExecutorSettings settings)
    : _db(database),
      _plugins(plugins),
      _settings(std::move(settings)),
      _owner(newLeaseOwner()),
      _jobs(database),
      _credentials(database, &plugins),
      _channel(_settings.runDir, WakeTopic::Jobs),
      _events(kMaxQueuedOutput, [this] { _channel.wake(); }) {}

ExecutorService::~ExecutorService() {
  for (auto& [id, job] : _running)
    if (job->host) job->host->cancel(milliseconds(0));
  _running.clear();  // each HostJob waits for its plugin to finish
}

void ExecutorService::stop() {
  _stopRequested = true;
  _channel.wake();
}

void ExecutorService::wake() { _channel.wake(); }

void ExecutorService::run(bool once) {
  logger().information("executor %s started (max parallel %z, lease %?d ms)", _owner, _settings.maxParallel,
                       _settings.lease.count());
  _nextLeaseWork = Clock::now();
  _nextFlush = Clock::now();
  for (;;) {
    if (_stopRequested && !_draining) {
      _draining = true;
      _drainDeadline = Clock::now() + _settings.shutdownGrace;
      logger().notice("executor %s stops: %z job(s) still running get %?d ms to end", _owner, _running.size(),
                      _settings.shutdownGrace.count());
    }
    if (_draining && !_cancelled && Clock::now() >= _drainDeadline) {
      _cancelled = true;
      for (auto& [id, job] : _running) {
        job->cancelled = true;
        if (job->host) job->host->cancel(_settings.cancelGrace);
      }
    }
    const Instant now = nowMs();
    Pass pass = takePass();
    const bool recorded = recordPass(pass, now);
    afterCommit(pass);  // what was committed before a failure
    if (!recorded) {
      if (_draining && _running.empty() && _unrecorded.empty()) break;
      if (_draining && Clock::now() >= _drainDeadline + kRecordGrace) {
        abandonUnrecorded();
        break;
      }
      auto retry = Clock::now() + kRetryPause;
      if (_draining) retry = std::min(retry, _cancelled ? _drainDeadline + kRecordGrace : _drainDeadline);
      _channel.waitUntil(retry);
      continue;
    }
    if (_draining && _running.empty()) break;
    if (once && _running.empty() && pass.claimTried && pass.claimed.empty()) break;
    _channel.waitUntil(nextDeadline(pass.claimFilled));
  }
  logger().information("executor %s stopped", _owner);
}

ExecutorService::Pass ExecutorService::takePass() {
  Pass pass;
  pass.events = std::move(_unrecorded);
  _unrecorded.clear();
  for (JobEvent& e : _events.take()) {
    // Output of a job whose record failed is not stored any more.
    auto it = _running.find(e.jobId);
    if (e.kind == JobEvent::Kind::Output && it != _running.end() && !it->second->recordError.empty()) continue;
    pass.events.push_back(std::move(e));
  }
  for (const JobEvent& e : pass.events) {
    if (e.kind != JobEvent::Kind::Finished) continue;
    auto it = _running.find(e.jobId);
    if (it == _running.end()) continue;
    pass.artifacts[e.jobId] = collectArtifacts(it->second->launch.request.workingDir, it->second->launch.app.artifacts,
                                               it->second->launch.environment, _settings.artifactLimit);
  }
  return pass;
}

void ExecutorService::tellObserver(const Pass& pass) {
  if (!pass.claimed.empty()) _observer->jobsClaimed(pass.claimed);
  for (const JobEvent& e : pass.started) {
    auto it = _running.find(e.jobId);
    _observer->jobStartRecorded(JobStartReport{e.jobId, std::max<int64_t>(e.pid, 0), e.at,
                                               it == _running.end() ? std::string() : it->second->launch.resultFile});
  }
  for (const auto& [id, end] : pass.ended) {
    JobEndReport report{id, &end, {}, std::nullopt};
    auto it = _running.find(id);
    if (it != _running.end()) {
      report.resultFile = it->second->launch.resultFile;
      auto collected = pass.artifacts.find(id);
      if (collected != pass.artifacts.end())
        report.resultData = resultDataOf(it->second->launch, collected->second);
    }
    _observer->jobEndRecorded(report);
  }
  if (!pass.lost.empty()) _observer->jobsLost(pass.lost);
}

void ExecutorService::afterCommit(Pass& pass) {
  if (_observer) tellObserver(pass);
  for (const auto& [id, end] : pass.ended) {
    if (_observer) _observer->jobFinished(id, end);
    std::error_code ec;
    std::filesystem::remove_all(std::filesystem::path(_settings.launch.jobsDir) / std::to_string(id), ec);
    if (ec)
      logger().warning("cannot remove the working directory of job %?d: %s", id, ec.message());
    _running.erase(id);  // the plugin has finished the job: its handle is released here
  }
  for (const LostJob& lost : pass.lost)
    logger().warning("job %?d was declared lost: its executor %s stopped renewing its lease",
                     lost.id, lost.leaseOwner);
  honourCancelRequests(pass.cancelRequests);
  if (pass.held) {
    const std::set<int64_t> held(pass.held->begin(), pass.held->end());
    for (auto& [id, job] : _running)
      if (!held.count(id) && !job->cancelled && job->host) {
        logger().error("job %?d was declared lost while it ran here (the database was out of reach longer than "
                       "the lease); stopping it",
                       id);
        job->cancelled = true;
        job->host->cancel(_settings.cancelGrace);
      }
    checkMemory();
  }
  LaunchCache cache;
  for (const Job& job : pass.claimed) launch(job, cache);
}

void ExecutorService::honourCancelRequests(const std::map<int64_t, std::string>& requests) {
  for (const auto& [id, actor] : requests) {
    auto it = _running.find(id);
    if (it == _running.end() || it->second->cancelled || !it->second->host) continue;
    logger().notice("job %?d: cancelled by %s; stopping it (SIGKILL after %?d ms)", id, actor,
                    _settings.cancelGrace.count());
    it->second->cancelled = true;
    it->second->cancelledBy = actor;
    it->second->host->cancel(_settings.cancelGrace);
  }
}

void ExecutorService::launch(const Job& job, LaunchCache& cache) {
  auto running = std::make_unique<Running>();
  std::optional<std::string> failure;
  try {
    const LaunchSubject subject = resolveLaunch(_db, job, cache);
    // Before anything is prepared: a refused job makes no directory and runs no credential helper.
    const ExecutorAdapter& executor = _plugins.executor(job.executor);
    if (const auto refusal = _canRun.refusal(executor, *subject.app, subject.runTemplate.ociimage))
      failure = "executor '" + job.executor + "' cannot run this application: " + *refusal;
    else
      running->launch = prepareLaunch(_db, _credentials, job, subject, _settings.launch);
  } catch (const std::exception& e) {
    const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
    failure = poco ? poco->message() : std::string(e.what());
  }
  if (failure) {
    _running.emplace(job.id, std::move(running));
    failLaunch(job.id, *failure);
    return;
  }
  running->sink = std::make_unique<QueueingSink>(_events, job.id, _settings.outputLimit, _observer,
                                                 running->launch.environment.secretValues());
  Running& r = *running;
  _running.emplace(job.id, std::move(running));
  try {
    r.host = _plugins.executor(job.executor).start(r.launch.request, *r.sink);
  } catch (const MultiFlexiException& e) {
    failLaunch(job.id, e.message());
  }
}

void ExecutorService::failLaunch(int64_t jobId, const std::string& message) {
  logger().error("job %?d cannot start: %s", jobId, message);
  JobEvent e(JobEvent::Kind::Finished, jobId);
  e.result = JobResult{MFX_EXIT_LAUNCH_FAILED, -1, 0, message};
  _events.push(std::move(e));
}

Clock::time_point ExecutorService::nextDeadline(bool moreDue) {
  const auto now = Clock::now();
  if (moreDue) return now;
  auto deadline = std::min(now + _settings.cyclePause, _nextLeaseWork);
  if (_events.hasOutput()) deadline = std::min(deadline, _nextFlush);
  if (_draining && !_cancelled) deadline = std::min(deadline, _drainDeadline);
  if (!_draining) {
    if (freePlaces(_running.size()) > 0) {
      try {
        if (auto due = _jobs.nextDue()) {
          const Instant wait = *due - nowMs();
          // Due now but not claimed (its template's job runs): a job end or a wake-up brings it.
          if (wait > 0) deadline = std::min(deadline, now + milliseconds(wait));
        }
      } catch (const Poco::Exception& e) {
        logger().warning("cannot read the queue: %s", e.displayText());
      }
    }
  }
  return deadline;
}

std::size_t ExecutorService::freePlaces(std::size_t busy) const {
  if (_settings.maxParallel == 0) return kClaimBatch;
  return busy >= _settings.maxParallel ? 0 : std::min(kClaimBatch, _settings.maxParallel - busy);
}

void ExecutorService::checkMemory() {
  if (_settings.memoryLimitMb == 0 || _draining) return;
  const int64_t resident = residentMb();
  if (resident < _settings.memoryLimitMb) return;
  logger().warning("resident memory %?d MB reached MULTIFLEXI_MEMORY_LIMIT_MB=%?d: no more claims, exiting once "
                   "running jobs end",
                   resident, _settings.memoryLimitMb);
  stop();
}

}  // namespace MultiFlexi
