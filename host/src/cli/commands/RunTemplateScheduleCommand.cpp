#include "cli/commands/RunTemplateScheduleCommand.h"

#include "cli/CommandContext.h"
#include "cli/InstantOption.h"
#include "cli/Output.h"
#include "common/Exceptions.h"
#include "domain/NextFire.h"
#include "store/Transaction.h"

#include <Poco/Environment.h>

#include <ostream>

namespace MultiFlexi {

namespace {
/// MultiFlexi: a run due within 5 s is "adhoc-cli", a later one "CommandLine".
constexpr Instant kAdhocWindowMs = 5'000;
}  // namespace

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
  const int64_t id = requiredInteger("id");
  const auto runTemplate = context.runTemplates().findById(id);
  if (!runTemplate) throw NotFoundException("no run template with id " + std::to_string(id));
  if (!runTemplate->active)
    throw ConflictException("run template '" + runTemplate->name + "' (id " + std::to_string(id) +
                            ") is inactive: activate it first (run-template:update --id " + std::to_string(id) +
                            " --active 1)");
  const auto& zone = zoneNamed("MULTIFLEXI_TIMEZONE", context.settings().serverTimeZone());
  const Instant when = parseInstantOption("--schedule_time", value("schedule_time").value_or("now"), zone);
  const EnvNamePolicy envNames = context.envNames();
  std::map<std::string, std::string> overrides = pairs("config");
  for (const auto& [k, v] : overrides) envNames.require("--config", k);
  for (const auto& [k, v] : pairs("env")) {
    envNames.require("--env", k);
    overrides[k] = v;
  }

  Job job = adhocJob(*runTemplate, when, when <= nowMs() + kAdhocWindowMs ? "adhoc-cli" : "CommandLine");
  job.executor = value("executor").value_or(runTemplate->executor);
  job.launchedBy = Poco::Environment::get("USER", "cli");
  const int64_t jobId = inTransaction(context.database(), [&](Poco::Data::Session& s) {
    return context.jobs().createAdhoc(s, job, overrides);
  });
  context.notifyDaemons(WakeTopic::Jobs);
  const OrderedJson result = {{"runtemplate_id", id},
                              {"scheduled", formatInstant(when)},
                              {"executor", job.executor},
                              {"job_id", jobId}};
  if (context.json())
    printJson(context.out(), result);
  else
    printObject(context.out(), result);
  return 0;
}

}  // namespace MultiFlexi
