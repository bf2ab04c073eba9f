#include "cli/commands/DaemonCommands.h"

#include "cli/CommandContext.h"
#include "app/Daemon.h"
#include "api/ApiRoutes.h"
#include "app/ExecutorSubsystem.h"
#include "app/HttpSubsystem.h"
#include "app/MonitorSubsystem.h"
#include "app/SchedulerSubsystem.h"
#include "catalog/UserCatalog.h"
#include "common/Exceptions.h"
#include "plugin/PluginRegistry.h"

#include <Poco/Util/Application.h>

#include <ostream>

namespace MultiFlexi {

namespace {

/// The monitors' subsystem when any monitor plugin is loaded (none: no
/// subsystem, no thread), added to `daemon` first so it starts before the
/// scheduler and executor and stops after them.
Poco::AutoPtr<MonitorSubsystem> addMonitors(Daemon& daemon, CommandContext& context, const std::string& name) {
  if (context.plugins().monitors().empty()) return {};
  Poco::AutoPtr<MonitorSubsystem> monitors(new MonitorSubsystem(context.database(), context.plugins(), name));
  daemon.add(monitors);
  return monitors;
}

/// The API over the context's catalog. What the routes reach through the
/// context (plugins, the manifest schema) is loaded here, before the
/// server's threads share it.
Poco::AutoPtr<HttpSubsystem> httpSubsystem(CommandContext& context, const std::string& daemonState,
                                           MonitorSubsystem* monitors = nullptr) {
  Catalog& catalog = context.catalog();
  PluginRegistry& plugins = context.plugins();
  context.manifestValidator();
  ApiEnvironment environment;
  environment.plugins = [&plugins]() -> const PluginRegistry& { return plugins; };
  environment.serverZone = context.settings().serverTimeZone();
  environment.daemonState = [daemonState] { return daemonState; };
  environment.metricsMaxTemplates = static_cast<std::size_t>(context.settings().metricsMaxTemplates());
  if (monitors) environment.monitorStats = [monitors] { return monitors->stats(); };
  Authenticator authenticate = [&catalog](const AuthAttempt& attempt) { return catalog.users().authenticate(attempt); };
  return new HttpSubsystem(catalog, apiRoutes(environment), std::move(authenticate));
}

class SchedulerCommand : public Command {
 public:
  std::string name() const override { return "scheduler"; }
  std::string summary() const override { return "Run the scheduler daemon (creates the jobs of due slots)"; }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    Daemon daemon;  // before the plugins start their threads
    Poco::AutoPtr<MonitorSubsystem> monitors = addMonitors(daemon, context, "scheduler");
    Poco::AutoPtr<SchedulerSubsystem> scheduler(new SchedulerSubsystem(context.database()));
    if (monitors) scheduler->setJobsCreated([m = monitors.get()](const std::vector<int64_t>& ids) { m->jobsCreated(ids); });
    daemon.add(scheduler);
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
    Poco::AutoPtr<MonitorSubsystem> monitors = addMonitors(daemon, context, "executor");
    Poco::AutoPtr<ExecutorSubsystem> executor(new ExecutorSubsystem(context.database(), context.plugins()));
    if (monitors) executor->setObserver([m = monitors.get()] { return m->observer(); });
    daemon.add(executor);
    daemon.initialize(Poco::Util::Application::instance());
    daemon.run(!context.settings().daemonize());
    return 0;
  }
};

class UpCommand : public Command {
 public:
  std::string name() const override { return "up"; }
  std::string summary() const override {
    return "Run scheduler, executor and the HTTP API in one process (MULTIFLEXI_LISTEN=off: no API)";
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const bool once = !context.settings().daemonize();
    Daemon daemon;  // before the plugins start their threads
    Poco::AutoPtr<MonitorSubsystem> monitors = addMonitors(daemon, context, "up");
    Poco::AutoPtr<SchedulerSubsystem> scheduler(new SchedulerSubsystem(context.database()));
    Poco::AutoPtr<ExecutorSubsystem> executor(new ExecutorSubsystem(context.database(), context.plugins()));
    scheduler->setJobsCreated([e = executor.get(), m = monitors.get()](const std::vector<int64_t>& ids) {
      if (m) m->jobsCreated(ids);
      e->wake();
    });
    if (monitors) executor->setObserver([m = monitors.get()] { return m->observer(); });
    daemon.add(scheduler);  // the scheduler's pass first, then the executor's
    daemon.add(executor);
    // A single pass serves no requests.
    Poco::AutoPtr<HttpSubsystem> http;
    if (!once && context.settings().listenAddress()) {
      http = httpSubsystem(context, "running", monitors.get());
      daemon.add(http);
    }
    daemon.initialize(Poco::Util::Application::instance());
    context.out() << "multiflexi up: scheduler and executor running on " << context.catalog().storeLocation()
                  << (once ? " (one pass)" : "") << "\n"
                  << (http ? "  the API:         " + http->baseUrl() + "\n" : std::string())
                  << "  watch the jobs:  multiflexi job:list    the queue:  multiflexi queue:list\n"
                  << "  a job's output:  multiflexi job:get --id N [--follow]\n"
                  << "  stop:            Ctrl-C or SIGTERM (running jobs get MULTIFLEXI_SHUTDOWN_GRACE to end)"
                  << std::endl;
    daemon.run(once);
    return 0;
  }
};

class ServerCommand : public Command {
 public:
  std::string name() const override { return "server"; }
  std::string summary() const override { return "Serve only the HTTP API (MULTIFLEXI_LISTEN)"; }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    if (!context.settings().listenAddress())
      throw ConfigurationException("MULTIFLEXI_LISTEN: is off; `multiflexi server` has nothing else to do");
    Daemon daemon;
    Poco::AutoPtr<HttpSubsystem> http = httpSubsystem(context, "running");
    daemon.add(http);
    daemon.initialize(Poco::Util::Application::instance());
    context.out() << "multiflexi server: listening on " << http->baseUrl() << "\n"
                  << "  try:   curl " << http->baseUrl() << "ping.json\n"
                  << "  stop:  Ctrl-C or SIGTERM (requests in flight get MULTIFLEXI_SHUTDOWN_GRACE to end)"
                  << std::endl;
    daemon.run(!context.settings().daemonize());
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> daemonCommands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(std::make_unique<SchedulerCommand>());
  commands.push_back(std::make_unique<ExecutorCommand>());
  commands.push_back(std::make_unique<UpCommand>());
  commands.push_back(std::make_unique<ServerCommand>());
  return commands;
}

}  // namespace MultiFlexi
