#include "cli/commands/RunTemplateScheduleCommand.h"

#include "catalog/JobCatalog.h"
#include "catalog/RunTemplateCatalog.h"
#include "cli/CommandContext.h"
#include "cli/InstantOption.h"
#include "cli/Output.h"
#include "common/Exceptions.h"
#include "domain/NextFire.h"

#include <Poco/Environment.h>

#include <ostream>

namespace MultiFlexi {

void RunTemplateScheduleCommand::defineOptions(Poco::Util::OptionSet& options) {
  addOption(options, "id", "ID", "Run template id.");
  addOption(options, "schedule_time", "WHEN",
            "now (default), an instant (2026-03-29T01:30:00Z, +01:00) or a local time in MULTIFLEXI_TIMEZONE.");
  addOption(options, "executor", "ID", "Executor for this run (default: the template's).");
  addOption(options, "env", "KEY=VALUE", "One-off environment value of this run, not saved (repeatable).", true);
  addOption(options, "config", "KEY=VALUE", "Same as --env (MultiFlexi's name).", true);
}

int RunTemplateScheduleCommand::run(CommandContext& context, const std::vector<std::string>& args) {
  requireNoArguments(args);
  AdhocRun run;
  run.runtemplateId = requiredInteger("id");
  auto& jobs = context.catalog().jobs();
  context.catalog().runTemplates().get(run.runtemplateId);  // a missing template before a bad time
  const auto& zone = zoneNamed("MULTIFLEXI_TIMEZONE", context.settings().serverTimeZone());
  run.due = parseInstantOption("--schedule_time", value("schedule_time").value_or("now"), zone);
  run.executor = value("executor");
  run.environment = {{"config", pairs("config")}, {"env", pairs("env")}};
  run.launchedBy = Poco::Environment::get("USER", "cli");
  const Job job = jobs.schedule(run);
  const OrderedJson result = {{"runtemplate_id", run.runtemplateId},
                              {"scheduled", formatInstant(run.due)},
                              {"executor", job.executor},
                              {"job_id", job.id}};
  if (context.json())
    printJson(context.out(), result);
  else
    printObject(context.out(), result);
  return 0;
}

}  // namespace MultiFlexi
