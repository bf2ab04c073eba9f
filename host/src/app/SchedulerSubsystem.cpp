#include "app/SchedulerSubsystem.h"

#include "app/Settings.h"
#include "scheduler/SchedulerService.h"

#include <Poco/Util/Application.h>

namespace MultiFlexi {

namespace {

SchedulerSettings schedulerSettings(const Settings& s) {
  SchedulerSettings out;
  // A daemon books jobs a second ahead; a single pass only what is due.
  out.lead = s.daemonize() ? std::chrono::milliseconds(1000) : std::chrono::milliseconds(0);
  out.grace = s.misfireGrace();
  out.maxCatchUp = static_cast<std::size_t>(s.maxCatchUp());
  out.defaultZone = s.serverTimeZone();
  out.lockWait = std::chrono::milliseconds(2000);  // a stop never waits long for another's lock
  return out;
}

}  // namespace

SchedulerSubsystem::SchedulerSubsystem(Database& database) : _database(database) {}

SchedulerSubsystem::~SchedulerSubsystem() = default;

void SchedulerSubsystem::initialize(Poco::Util::Application& app) {
  const Settings settings(app.config());
  _service = std::make_unique<SchedulerService>(_database, schedulerSettings(settings), settings.runDirectory(),
                                                settings.cyclePause());
  if (_jobsCreated) _service->setJobsCreated(_jobsCreated);
}

void SchedulerSubsystem::uninitialize() { _service.reset(); }

void SchedulerSubsystem::run(bool once) { _service->run(once); }

void SchedulerSubsystem::stop() { _service->stop(); }

}  // namespace MultiFlexi
