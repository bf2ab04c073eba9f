#include "app/MonitorSubsystem.h"

#include "app/Settings.h"
#include "monitor/MonitorDispatcher.h"
#include "monitor/MonitorStatsFile.h"
#include "plugin/PluginRegistry.h"

#include <Poco/Logger.h>
#include <Poco/Util/Application.h>

namespace MultiFlexi {

namespace {
constexpr std::chrono::milliseconds kCountsInterval{2'000};  // how often plugin:list's counts are rewritten
}  // namespace

MonitorSubsystem::MonitorSubsystem(Database& database, PluginRegistry& plugins, std::string daemon)
    : _database(database), _plugins(plugins), _daemon(std::move(daemon)) {}

MonitorSubsystem::~MonitorSubsystem() = default;

void MonitorSubsystem::initialize(Poco::Util::Application& app) {
  const Settings settings(app.config());
  MonitorQueueOptions options;
  options.capacity = static_cast<std::size_t>(settings.monitorQueue());
  _heartbeat = settings.monitorHeartbeat();
  _runDir = settings.runDirectory();
  const auto monitors = _plugins.monitors();
  if (monitors.empty()) return;  // nothing to deliver to: no thread, no cost
  _dispatcher = std::make_unique<MonitorDispatcher>(_database, monitors, options, _daemon);
  Poco::Logger::get("multiflexi.monitor")
      .information("%z monitor(s) receive job events (queue %z events each)", monitors.size(), options.capacity);
}

void MonitorSubsystem::uninitialize() {
  if (!_dispatcher) return;
  _dispatcher->stop(kDrainGrace);
  writeMonitorStats(_runDir, _daemon, _dispatcher->stats());
  _dispatcher.reset();
}

void MonitorSubsystem::run(bool once) {
  if (once) return;
  using Clock = std::chrono::steady_clock;
  auto nextBeat = Clock::now();
  std::unique_lock<std::mutex> lock(_mutex);
  while (!_stopRequested) {
    const auto now = Clock::now();
    if (_dispatcher && _heartbeat.count() > 0 && now >= nextBeat) {
      _dispatcher->heartbeat();
      nextBeat = now + _heartbeat;
    }
    if (_dispatcher) {
      lock.unlock();
      writeMonitorStats(_runDir, _daemon, _dispatcher->stats());
      if (_daemon != "executor") pollCancelled();  // the scheduler's process: one per install
      lock.lock();
    }
    auto wakeAt = now + kCountsInterval;
    if (_heartbeat.count() > 0) wakeAt = std::min(wakeAt, nextBeat);
    _wake.wait_until(lock, wakeAt, [this] { return _stopRequested; });
  }
}

void MonitorSubsystem::pollCancelled() {
  try {
    _dispatcher->pollCancelledBeforeStart();
  } catch (const Poco::Exception& e) {
    // The store is busy or gone for a moment: the next round reads on from the same place.
    Poco::Logger::get("multiflexi.monitor").warning("cannot read cancelled jobs for monitors: %s", e.displayText());
  }
}

void MonitorSubsystem::stop() {
  {
    std::lock_guard<std::mutex> lock(_mutex);
    _stopRequested = true;
  }
  _wake.notify_all();
}

void MonitorSubsystem::jobsCreated(const std::vector<int64_t>& ids) {
  if (_dispatcher) _dispatcher->jobsCreated(ids);
}

std::vector<MonitorStats> MonitorSubsystem::stats() const {
  return _dispatcher ? _dispatcher->stats() : std::vector<MonitorStats>{};
}

JobObserver* MonitorSubsystem::observer() { return _dispatcher.get(); }

}  // namespace MultiFlexi
