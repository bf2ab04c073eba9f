#include "cli/commands/DaemonCommands.h"

#include "cli/CommandContext.h"
#include "app/Daemon.h"
#include "app/ExecutorSubsystem.h"
#include "app/SchedulerSubsystem.h"

#include <Poco/Util/Application.h>

#include <ostream>

namespace MultiFlexi {

namespace {

class SchedulerCommand : public Command {
 public:
  std::string name() const override { return "scheduler"; }
  std::string summary() const override { return "Run the scheduler daemon (creates the jobs of due slots)"; }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    Daemon daemon;
    daemon.add(new SchedulerSubsystem(context.database()));
    daemon.initialize(Poco::Util::Application::instance());
    daemon.run(!context.settings().daemonize());
    return 0;
  }
};

class ExecutorCommand : public Command {
 public:
  std::string name() const override { return "executor"; }
  std::string summary() const override { return "Run the executor daemon (runs due jobs)"; }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    Daemon daemon;  // before the plugins start their threads
    daemon.add(new ExecutorSubsystem(context.database(), context.plugins()));
    daemon.initialize(Poco::Util::Application::instance());
    daemon.run(!context.settings().daemonize());
    return 0;
  }
};

class UpCommand : public Command {
 public:
  std::string name() const override { return "up"; }
  std::string summary() const override { return "Run scheduler and executor in one process"; }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const bool once = !context.settings().daemonize();
    Daemon daemon;  // before the plugins start their threads
    Poco::AutoPtr<SchedulerSubsystem> scheduler(new SchedulerSubsystem(context.database()));
    Poco::AutoPtr<ExecutorSubsystem> executor(new ExecutorSubsystem(context.database(), context.plugins()));
    scheduler->setJobsCreated([e = executor.get()] { e->wake(); });
    daemon.add(scheduler);  // the scheduler's pass first, then the executor's
    daemon.add(executor);
    daemon.initialize(Poco::Util::Application::instance());
    context.out() << "multiflexi up: scheduler and executor running on " << context.catalog().storeLocation()
                  << (once ? " (one pass)" : "") << "\n"
                  << "  watch the jobs:  multiflexi job:list    the queue:  multiflexi queue:list\n"
                  << "  a job's output:  multiflexi job:get --id N [--follow]\n"
                  << "  stop:            Ctrl-C or SIGTERM (running jobs get MULTIFLEXI_SHUTDOWN_GRACE to end)"
                  << std::endl;
    daemon.run(once);
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
