#include "ProcessReactor.h"

#include "Escapees.h"

#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

namespace mfx::native {

namespace {

constexpr std::size_t kChunk = 64 * 1024;  // one pipe's default capacity
constexpr int kReadsPerWakeup = 16;        // fairness between busy jobs
constexpr uint64_t kWakeTag = 0;
enum Kind : uint64_t { kStdout = 0, kStderr = 1, kExit = 2 };

uint64_t tag(uint64_t id, Kind kind) { return (id << 2) | kind; }

void unwatch(int epoll, UniqueFd& fd) {
  if (!fd.valid()) return;
  ::epoll_ctl(epoll, EPOLL_CTL_DEL, fd.get(), nullptr);
  fd.reset();
}

std::string signalName(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

}  // namespace

struct ProcessReactor::Watched {
  uint64_t id = 0;
  pid_t pid = -1;
  UniqueFd pidfd;
  UniqueFd out;
  UniqueFd err;
  JobEvents events;
  std::chrono::milliseconds timeout{0};
  std::optional<Clock::time_point> timeoutAt;
  std::optional<Clock::time_point> killAt;
  std::optional<Clock::time_point> drainUntil;
  StopReason stopReason = StopReason::None;
  bool forcedKill = false;
  bool exited = false;
  int exitCode = 0;  // siginfo si_code: CLD_EXITED, CLD_KILLED, CLD_DUMPED
  int exitStatus = 0;
  bool drainCut = false;
  int escapees = 0;  // processes outside the group killed at the end
  std::string marker;
  std::optional<uid_t> uid;

  explicit Watched(JobEvents e) : events(std::move(e)) {}
};

ProcessReactor::ProcessReactor(ReactorSettings settings)
    : _settings(settings), _buffer(kChunk) {
  _epoll.reset(::epoll_create1(EPOLL_CLOEXEC));
  _wakeFd.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!_epoll.valid() || !_wakeFd.valid())
    throw Unavailable(std::string("cannot create the event loop: ") + std::strerror(errno));
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kWakeTag;
  if (::epoll_ctl(_epoll.get(), EPOLL_CTL_ADD, _wakeFd.get(), &ev) != 0)
    throw Unavailable(std::string("cannot watch the wake-up fd: ") + std::strerror(errno));
  _thread = std::thread([this] { run(); });
}

ProcessReactor::~ProcessReactor() {
  {
    std::lock_guard<std::mutex> lock(_mutex);
    _stopping = true;
  }
  wake();
  _thread.join();
  // Only reached with jobs left when the host broke the contract (it must
  // destroy every job before freeing the executor): leave no orphan behind.
  auto reap = [](Watched& job) {
    if (job.exited) return;
    ::kill(-job.pid, SIGKILL);
    siginfo_t info{};
    ::waitid(P_PIDFD, static_cast<id_t>(job.pidfd.get()), &info, WEXITED);
  };
  for (auto& [id, job] : _jobs) reap(*job);
  for (auto& command : _commands)
    if (command.job) reap(*command.job);
}

uint64_t ProcessReactor::watch(SpawnedProcess process, JobEvents events,
                               std::chrono::milliseconds timeout) {
  auto job = std::make_unique<Watched>(std::move(events));
  job->pid = process.pid;
  job->marker = std::move(process.marker);
  job->uid = process.uid;
  job->pidfd = std::move(process.pidfd);
  job->out = std::move(process.out);
  job->err = std::move(process.err);
  job->timeout = timeout;
  uint64_t id;
  {
    std::lock_guard<std::mutex> lock(_mutex);
    id = _nextId++;
    job->id = id;
    _commands.push_back(Command{id, std::move(job), std::chrono::milliseconds(0)});
  }
  wake();
  return id;
}

void ProcessReactor::cancel(uint64_t id, std::chrono::milliseconds grace) {
  {
    std::lock_guard<std::mutex> lock(_mutex);
    _commands.push_back(Command{id, nullptr, grace});
  }
  wake();
}

void ProcessReactor::wake() {
  const uint64_t one = 1;
  // A full counter (impossible in practice) still leaves the fd readable.
  [[maybe_unused]] ssize_t n = ::write(_wakeFd.get(), &one, sizeof one);
}

void ProcessReactor::run() {
  std::vector<epoll_event> ready(64);
  for (;;) {
    const int n = ::epoll_wait(_epoll.get(), ready.data(), static_cast<int>(ready.size()),
                               nextWaitMs());
    if (n < 0 && errno != EINTR) std::abort();  // EBADF/EINVAL: a bug, not a condition
    for (int i = 0; i < n; ++i) {
      if (ready[i].data.u64 == kWakeTag) {
        uint64_t count;
        [[maybe_unused]] ssize_t r = ::read(_wakeFd.get(), &count, sizeof count);
        {
          std::lock_guard<std::mutex> lock(_mutex);
          if (_stopping) return;
        }
        applyCommands();
      } else {
        onReadable(ready[i].data.u64);
      }
    }
    enforceDeadlines();
  }
}

void ProcessReactor::applyCommands() {
  std::vector<Command> commands;
  {
    std::lock_guard<std::mutex> lock(_mutex);
    commands.swap(_commands);
  }
  for (auto& command : commands) {
    if (command.job) {
      Watched& job = *command.job;
      if (job.timeout.count() > 0) job.timeoutAt = Clock::now() + job.timeout;
      const std::pair<int, Kind> fds[] = {
          {job.out.get(), kStdout}, {job.err.get(), kStderr}, {job.pidfd.get(), kExit}};
      for (const auto& [fd, kind] : fds) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = tag(job.id, kind);
        if (::epoll_ctl(_epoll.get(), EPOLL_CTL_ADD, fd, &ev) != 0) std::abort();
      }
      _jobs.emplace(job.id, std::move(command.job));
    } else {
      auto it = _jobs.find(command.id);
      if (it != _jobs.end()) stop(*it->second, StopReason::Cancel, command.grace);
    }
  }
}

void ProcessReactor::onReadable(uint64_t eventTag) {
  const uint64_t id = eventTag >> 2;
  auto it = _jobs.find(id);
  if (it == _jobs.end()) return;
  Watched& job = *it->second;
  switch (static_cast<Kind>(eventTag & 3)) {
    case kStdout: readPipe(job, MFX_STREAM_STDOUT); break;
    case kStderr: readPipe(job, MFX_STREAM_STDERR); break;
    case kExit: onExit(job); break;
  }
  finishIfDone(id);
}

void ProcessReactor::readPipe(Watched& job, int stream) {
  UniqueFd& fd = stream == MFX_STREAM_STDOUT ? job.out : job.err;
  for (int i = 0; i < kReadsPerWakeup && fd.valid(); ++i) {
    const ssize_t n = ::read(fd.get(), _buffer.data(), _buffer.size());
    if (n > 0) {
      job.events.output(stream, std::string_view(_buffer.data(), static_cast<std::size_t>(n)));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && errno == EAGAIN) {
      return;
    } else {
      unwatch(_epoll.get(), fd);  // EOF, or an error that ends the stream
    }
  }
}

void ProcessReactor::onExit(Watched& job) {
  // The leader is a zombie now, so its process group id is still ours: end
  // whatever it left behind in the group before reaping it.
  ::kill(-job.pid, SIGKILL);
  siginfo_t info{};
  if (::waitid(P_PIDFD, static_cast<id_t>(job.pidfd.get()), &info, WEXITED | WNOHANG) != 0 ||
      info.si_pid == 0)
    return;  // spurious wake-up: not exited yet
  job.exited = true;
  job.escapees = killEscapees(job.marker, job.uid);
  job.exitCode = info.si_code;
  job.exitStatus = info.si_status;
  job.killAt.reset();
  unwatch(_epoll.get(), job.pidfd);
  job.drainUntil = Clock::now() + _settings.drainLimit;
}

void ProcessReactor::stop(Watched& job, StopReason reason, std::chrono::milliseconds grace) {
  if (job.exited) return;
  const Clock::time_point killAt = Clock::now() + std::max(grace, std::chrono::milliseconds(0));
  if (job.stopReason == StopReason::None) {
    job.stopReason = reason;
    ::kill(-job.pid, grace.count() > 0 ? SIGTERM : SIGKILL);
    job.forcedKill = grace.count() <= 0;
    if (!job.forcedKill) job.killAt = killAt;
  } else if (job.killAt && killAt < *job.killAt) {
    job.killAt = killAt;  // a later cancel may only shorten the grace
  }
}

void ProcessReactor::enforceDeadlines() {
  const Clock::time_point now = Clock::now();
  std::vector<uint64_t> drained;
  for (auto& [id, jobPtr] : _jobs) {
    Watched& job = *jobPtr;
    if (!job.exited && job.stopReason == StopReason::None && job.timeoutAt && now >= *job.timeoutAt)
      stop(job, StopReason::Timeout, _settings.timeoutGrace);
    if (!job.exited && job.killAt && now >= *job.killAt) {
      ::kill(-job.pid, SIGKILL);
      job.forcedKill = true;
      job.killAt.reset();
    }
    if (job.exited && job.drainUntil && now >= *job.drainUntil) {
      job.drainCut = job.out.valid() || job.err.valid();
      unwatch(_epoll.get(), job.out);
      unwatch(_epoll.get(), job.err);
      drained.push_back(id);
    }
  }
  for (uint64_t id : drained) finishIfDone(id);
}

int ProcessReactor::nextWaitMs() const {
  std::optional<Clock::time_point> next;
  auto consider = [&next](const std::optional<Clock::time_point>& t) {
    if (t && (!next || *t < *next)) next = t;
  };
  for (const auto& [id, job] : _jobs) {
    if (!job->exited && job->stopReason == StopReason::None) consider(job->timeoutAt);
    consider(job->killAt);
    if (job->exited) consider(job->drainUntil);
  }
  if (!next) return -1;
  const auto wait = std::chrono::ceil<std::chrono::milliseconds>(*next - Clock::now());
  return static_cast<int>(std::clamp<int64_t>(wait.count(), 0, 60'000));
}

void ProcessReactor::finishIfDone(uint64_t id) {
  auto it = _jobs.find(id);
  if (it == _jobs.end()) return;
  Watched& job = *it->second;
  if (!job.exited || job.out.valid() || job.err.valid()) return;

  const bool exitedNormally = job.exitCode == CLD_EXITED;
  ExitInfo info;
  info.exitCode = exitedNormally ? job.exitStatus : -1;
  info.termSignal = exitedNormally ? 0 : job.exitStatus;
  switch (job.stopReason) {
    case StopReason::Timeout:
      info.outcome = MFX_EXIT_TIMED_OUT;
      info.message = "timed out after " + std::to_string(job.timeout.count()) + " ms";
      break;
    case StopReason::Cancel:
      info.outcome = MFX_EXIT_CANCELLED;
      info.message = "cancelled";
      break;
    case StopReason::None:
      info.outcome = exitedNormally ? MFX_EXIT_EXITED : MFX_EXIT_SIGNALED;
      break;
  }
  if (job.stopReason != StopReason::None)
    info.message += job.forcedKill ? "; killed with SIGKILL" : "; stopped by SIGTERM";
  if (!exitedNormally && job.stopReason == StopReason::None)
    info.message = "killed by " + signalName(job.exitStatus);
  if (job.escapees > 0) {
    if (!info.message.empty()) info.message += "; ";
    info.message += std::to_string(job.escapees) + " process(es) the job left outside its process group were killed";
  }
  if (job.drainCut) {
    if (!info.message.empty()) info.message += "; ";
    info.message += "output pipes were still held open by processes outside the job's process group "
                    "and were closed after " + std::to_string(_settings.drainLimit.count()) + " ms";
  }
  std::unique_ptr<Watched> done = std::move(it->second);
  _jobs.erase(it);
  done->events.finished(info);
}

}  // namespace mfx::native
