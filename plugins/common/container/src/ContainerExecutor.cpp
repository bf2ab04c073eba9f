#include "ContainerExecutor.h"

#include <atomic>
#include <condition_variable>
#include <optional>

namespace mfx::container {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kPumpSlice{100};

enum class StopReason { None, Timeout, Cancel };

std::string seconds(std::chrono::milliseconds ms) {
  const auto whole = ms.count() / 1000, tenths = (ms.count() % 1000) / 100;
  return std::to_string(whole) + (tenths ? "." + std::to_string(tenths) : "") + " s";
}

/// Engines report a process killed by signal N as status 128+N, like a shell.
int32_t signalOf(int32_t exitCode) { return exitCode > 128 && exitCode <= 128 + 64 ? exitCode - 128 : 0; }

ExitInfo exitInfo(StopReason reason, const ContainerExit& exit, std::chrono::milliseconds timeout,
                  const std::string& note) {
  const std::string suffix = note.empty() ? "" : "; " + note;
  switch (reason) {
    case StopReason::Timeout:
      return ExitInfo::timedOut(signalOf(exit.exitCode),
                                "timed out after " + seconds(timeout) + "; the container was stopped" + suffix);
    case StopReason::Cancel:
      return ExitInfo::cancelled(signalOf(exit.exitCode), "the container was stopped" + suffix);
    case StopReason::None: break;
  }
  if (exit.oomKilled) {
    ExitInfo info = ExitInfo::signaled(9);
    info.message = "the container ran out of memory and was killed" + suffix;
    return info;
  }
  if (const int32_t sig = signalOf(exit.exitCode)) {
    ExitInfo info = ExitInfo::signaled(sig);
    info.message = "the container's process ended with status " + std::to_string(exit.exitCode) +
                   " (128 + signal " + std::to_string(sig) + ")" + suffix;
    return info;
  }
  ExitInfo info = ExitInfo::exited(exit.exitCode);
  info.message = note;
  return info;
}

}  // namespace

/// Shared by the job's thread and the Job handle the host holds.
struct ContainerExecutor::JobState {
  std::mutex mutex;
  std::optional<std::chrono::milliseconds> cancelGrace;  // set by cancel()
  std::atomic<bool> done{false};
};

namespace {

class ContainerJob : public Job {
 public:
  explicit ContainerJob(std::shared_ptr<ContainerExecutor::JobState> state) : _state(std::move(state)) {}
  void cancel(std::chrono::milliseconds grace) override {
    std::lock_guard<std::mutex> lock(_state->mutex);
    if (!_state->cancelGrace) _state->cancelGrace = grace;
  }

 private:
  std::shared_ptr<ContainerExecutor::JobState> _state;
};

}  // namespace

ContainerExecutor::ContainerExecutor(const Host& host, std::unique_ptr<ContainerEngine> engine,
                                     ContainerSettings settings)
    : _host(host), _engine(std::move(engine)), _settings(std::move(settings)) {}

ContainerExecutor::~ContainerExecutor() {
  std::vector<Worker> workers;
  {
    std::lock_guard<std::mutex> lock(_mutex);
    workers.swap(_workers);
  }
  for (Worker& w : workers) {
    {
      std::lock_guard<std::mutex> lock(w.state->mutex);
      if (!w.state->cancelGrace) w.state->cancelGrace = std::chrono::milliseconds(0);
    }
    w.thread.join();
  }
}

void ContainerExecutor::canRun(std::string_view appJson) {
  std::string image;
  try {
    image = imageOfApplication(appJson);
    checkImageReference(image);
  } catch (const Invalid& e) {
    throw Unsupported(std::string("the application cannot run in a container: ") + e.what());
  }
}

std::unique_ptr<Job> ContainerExecutor::start(const JobSpec& spec, JobEvents events) {
  ContainerRequest request = ContainerRequest::fromSpec(spec);
  joinFinished();
  auto state = std::make_shared<JobState>();
  std::lock_guard<std::mutex> lock(_mutex);
  _workers.push_back(Worker{state, std::thread(&ContainerExecutor::run, this, state, std::move(request), events,
                                               spec.timeout())});
  return std::make_unique<ContainerJob>(state);
}

void ContainerExecutor::joinFinished() {
  std::vector<Worker> finished;
  {
    std::lock_guard<std::mutex> lock(_mutex);
    for (auto it = _workers.begin(); it != _workers.end();) {
      if (it->state->done) {
        finished.push_back(std::move(*it));
        it = _workers.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (Worker& w : finished) w.thread.join();
}

void ContainerExecutor::run(std::shared_ptr<JobState> state, ContainerRequest request, JobEvents events,
                            std::chrono::milliseconds timeout) {
  struct MarkDone {
    JobState& s;
    ~MarkDone() { s.done = true; }
  } markDone{*state};
  const auto pendingCancel = [&state]() {
    std::lock_guard<std::mutex> lock(state->mutex);
    return state->cancelGrace;
  };

  std::string id;
  try {
    id = _engine->create(request);
  } catch (const std::exception& e) {
    events.finished(ExitInfo::launchFailed(e.what()));
    return;
  }
  events.started(-1, id);

  // Removes the container on every path from here on; a failure is noted.
  std::string note;
  const auto removeContainer = [&]() {
    try {
      _engine->remove(id);
    } catch (const std::exception& e) {
      note += std::string(note.empty() ? "" : "; ") + "the container could not be removed: " + e.what();
      _host.log(Level::Error, "container " + id + " of job " + std::to_string(request.jobId) +
                                   " could not be removed: " + e.what());
    }
  };

  if (pendingCancel()) {
    removeContainer();
    events.finished(ExitInfo::cancelled(0, "cancelled before the container started"));
    return;
  }
  std::unique_ptr<Attachment> attachment;
  try {
    attachment = _engine->start(id);
  } catch (const std::exception& e) {
    removeContainer();
    events.finished(ExitInfo::launchFailed(e.what() + (note.empty() ? "" : "; " + note)));
    return;
  }

  const auto deadline = timeout.count() > 0 ? Clock::now() + timeout : Clock::time_point::max();
  StopReason reason = StopReason::None;
  std::thread stopper;
  std::string stopError;
  const auto stopAsync = [&](StopReason why, std::chrono::milliseconds grace) {
    reason = why;
    stopper = std::thread([this, &id, &stopError, grace]() {
      try {
        _engine->stop(id, grace);
      } catch (const std::exception& e) {
        stopError = e.what();
      }
    });
  };
  const OutputFn output = [&events](int32_t stream, std::string_view bytes) { events.output(stream, bytes); };
  bool running = true;
  while (running) {
    auto wait = kPumpSlice;
    if (reason == StopReason::None && deadline != Clock::time_point::max())
      wait = std::max(std::chrono::milliseconds(0),
                      std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now())));
    try {
      running = attachment->pump(wait, output);
    } catch (const std::exception& e) {
      note = std::string("the output stream broke: ") + e.what();
      running = false;
    }
    if (reason != StopReason::None) continue;
    if (const auto grace = pendingCancel()) stopAsync(StopReason::Cancel, *grace);
    else if (Clock::now() >= deadline) stopAsync(StopReason::Timeout, _settings.killGrace);
  }
  const std::string startError = attachment->startError();
  attachment.reset();
  if (stopper.joinable()) stopper.join();
  if (!stopError.empty()) note = "stopping failed: " + stopError;

  std::optional<ContainerExit> exit;
  try {
    exit = _engine->exitOf(id);
  } catch (const std::exception& e) {
    note += std::string(note.empty() ? "" : "; ") + "its exit could not be read: " + e.what();
  }
  removeContainer();
  if (exit && exit->neverStarted && reason == StopReason::None) {
    events.finished(ExitInfo::launchFailed(startError.empty() ? "the engine did not start the container" : startError));
    return;
  }
  if (!exit) {
    events.finished(ExitInfo::lost(note));
    return;
  }
  events.finished(exitInfo(reason, *exit, timeout, note));
}

}  // namespace mfx::container
