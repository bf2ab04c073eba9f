#include "app/ExecutorSubsystem.h"

#include "app/Settings.h"
#include "executor/ExecutorService.h"

#include <Poco/Util/Application.h>

extern char** environ;

namespace MultiFlexi {

namespace {

std::map<std::string, std::string> processEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const auto eq = entry.find('=');
    if (eq != std::string::npos) env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return env;
}

ExecutorSettings executorSettings(const Settings& s) {
  ExecutorSettings out;
  out.launch.jobsDir = s.jobsDirectory();
  out.launch.version = MFX_VERSION;
  out.launch.timeout = s.jobTimeout();
  out.launch.daemonEnvironment = processEnvironment();
  out.launch.envNames = EnvNamePolicy(s.allowedEnvNames());
  out.runDir = s.runDirectory();
  out.maxParallel = static_cast<std::size_t>(s.maxParallel());
  out.lease = s.lease();
  out.cyclePause = s.cyclePause();
  out.shutdownGrace = s.shutdownGrace();
  out.outputLimit = s.outputLimitBytes();
  out.artifactLimit = s.artifactLimitBytes();
  out.memoryLimitMb = s.memoryLimitMb();
  return out;
}

}  // namespace

ExecutorSubsystem::ExecutorSubsystem(Database& database, PluginRegistry& plugins)
    : _database(database), _plugins(plugins) {}

ExecutorSubsystem::~ExecutorSubsystem() = default;

void ExecutorSubsystem::initialize(Poco::Util::Application& app) {
  _service = std::make_unique<ExecutorService>(_database, _plugins, executorSettings(Settings(app.config())));
  if (JobObserver* observer = _observer ? _observer() : nullptr) _service->setObserver(observer);
}

void ExecutorSubsystem::uninitialize() { _service.reset(); }

void ExecutorSubsystem::wake() {
  if (_service) _service->wake();
}

void ExecutorSubsystem::run(bool once) { _service->run(once); }

void ExecutorSubsystem::stop() { _service->stop(); }

}  // namespace MultiFlexi
