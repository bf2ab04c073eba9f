#include "cli/commands/DaemonCommands.h"

#include "cli/CommandContext.h"
#include "app/StopSignals.h"
#include "executor/ExecutorService.h"
#include "scheduler/SchedulerService.h"

#include <Poco/Logger.h>

#include <ostream>
#include <thread>

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

void logStop(int signal) {
  Poco::Logger::get("multiflexi").notice("signal %d: stopping", signal);
}

class SchedulerCommand : public Command {
 public:
  std::string name() const override { return "scheduler"; }
  std::string summary() const override { return "Run the scheduler daemon (creates the jobs of due slots)"; }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const Settings settings = context.settings();
    StopSignals signals;
    SchedulerService scheduler(context.database(), schedulerSettings(settings), settings.runDirectory(),
                               settings.cyclePause());
    signals.onStop([&](int sig) {
      logStop(sig);
      scheduler.stop();
    });
    scheduler.run(!settings.daemonize());
    return 0;
  }
};

class ExecutorCommand : public Command {
 public:
  std::string name() const override { return "executor"; }
  std::string summary() const override { return "Run the executor daemon (runs due jobs)"; }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const Settings settings = context.settings();
    StopSignals signals;  // before the plugins start their threads
    ExecutorService executor(context.database(), context.plugins(), executorSettings(settings));
    signals.onStop([&](int sig) {
      logStop(sig);
      executor.stop();
    });
    executor.run(!settings.daemonize());
    return 0;
  }
};

class UpCommand : public Command {
 public:
  std::string name() const override { return "up"; }
  std::string summary() const override { return "Run scheduler and executor in one process"; }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const Settings settings = context.settings();
    const bool once = !settings.daemonize();
    StopSignals signals;
    ExecutorService executor(context.database(), context.plugins(), executorSettings(settings));
    SchedulerService scheduler(context.database(), schedulerSettings(settings), settings.runDirectory(),
                               settings.cyclePause());
    scheduler.setJobsCreated([&] { executor.wake(); });
    signals.onStop([&](int sig) {
      logStop(sig);
      scheduler.stop();
      executor.stop();
    });
    context.out() << "multiflexi up: scheduler and executor running on " << context.database().location()
                  << (once ? " (one pass)" : "") << "\n"
                  << "  watch the jobs:  multiflexi job:list    the queue:  multiflexi queue:list\n"
                  << "  a job's output:  multiflexi job:get --id N [--follow]\n"
                  << "  stop:            Ctrl-C or SIGTERM (running jobs get MULTIFLEXI_SHUTDOWN_GRACE to end)"
                  << std::endl;
    if (once) {
      scheduler.run(true);
      executor.run(true);
      return 0;
    }
    std::thread schedulerThread([&] { scheduler.run(false); });
    executor.run(false);
    scheduler.stop();
    schedulerThread.join();
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> daemonCommands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(std::make_unique<SchedulerCommand>());
  commands.push_back(std::make_unique<ExecutorCommand>());
  commands.push_back(std::make_unique<UpCommand>());
  return commands;
}

}  // namespace MultiFlexi
