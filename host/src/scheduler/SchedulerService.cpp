#include "scheduler/SchedulerService.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>

namespace MultiFlexi {

namespace {
Poco::Logger& logger() { return Poco::Logger::get("multiflexi.scheduler"); }
}  // namespace

SchedulerService::SchedulerService(Database& database, SchedulerSettings settings, std::string runDir,
                                   std::chrono::milliseconds cyclePause)
    : _scheduler(database, std::move(settings)),
      _runDir(std::move(runDir)),
      _cyclePause(cyclePause),
      _channel(_runDir, WakeTopic::Templates) {}

void SchedulerService::stop() {
  _stop = true;
  _channel.wake();
}

void SchedulerService::run(bool once) {
  logger().information("scheduler started");
  while (!_stop) {
    auto deadline = std::chrono::steady_clock::now() + _cyclePause;
    try {
      const TickReport report = _scheduler.tick(nowMs());
      if (!report.created.empty()) {
        logger().information("%z job(s) created", report.created.size());
        if (_jobsCreated) _jobsCreated(report.created);
        notifyDaemons(_runDir, WakeTopic::Jobs);
      }
      if (report.nextSlot)
        deadline = std::min(deadline, std::chrono::steady_clock::now() +
                                          std::chrono::milliseconds(std::max<Instant>(*report.nextSlot - _scheduler.lead().count() - nowMs(), 0)));
    } catch (const Poco::Exception& e) {
      logger().error("tick failed (%s); trying again in a second", e.displayText());
      deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    }
    if (once) break;
    _channel.waitUntil(deadline);
  }
  logger().information("scheduler stopped");
}

}  // namespace MultiFlexi
