#include "cli/commands/RunTemplateCommands.h"

#include "cli/CommandContext.h"
#include "api/EntityJson.h"
#include "cli/TextTable.h"
#include "common/Exceptions.h"
#include "executor/ExecutorInput.h"

#include <Poco/NumberParser.h>

#include <ostream>

namespace MultiFlexi {

namespace {

void printTemplate(CommandContext& context, const RunTemplate& t) {
  if (context.json())
    printJson(context.out(), runTemplateJson(t));
  else
    printObject(context.out(), runTemplateJson(t));
}

/// A company given by id or slug (--company), as MultiFlexi accepts it.
int64_t companyIdOf(CommandContext& context, const std::string& option, const std::string& text) {
  Poco::Int64 id = 0;
  if (Poco::NumberParser::tryParse64(text, id)) {
    if (!context.companies().findById(id)) throw ValidationException("--" + option + ": no company with id " + text);
    return id;
  }
  auto company = context.companies().findBySlug(text);
  if (!company) throw ValidationException("--" + option + ": no company with slug '" + text + "'");
  return company->id;
}

/// The fields create and update share.
class RunTemplateEditCommand : public Command {
 protected:
  void defineFields(Poco::Util::OptionSet& options) {
    addOption(options, "name", "NAME", "Run template name.");
    addOption(options, "app_id", "ID", "Application id.");
    addOption(options, "app_uuid", "UUID", "Application uuid.");
    addOption(options, "company_id", "ID", "Company id.");
    addOption(options, "company", "SLUG|ID", "Company slug or id.");
    addOption(options, "interv", "CODE", "Interval: n (never), i, h, d, w, m, y, or c (custom --cron).");
    addOption(options, "cron", "EXPR", "5-field cron expression (sets --interv c).");
    addOption(options, "delay", "SECONDS", "Delay added to each slot (0-86400).");
    addOption(options, "timezone", "ZONE", "IANA time zone of the schedule (empty: the company's).");
    addOption(options, "executor", "ID", "Executor plugin (default native).");
    addOption(options, "ociimage", "IMAGE", "Container image for this template's jobs instead of the application's "
                                            "ociimage (empty: the application's).");
    addOption(options, "active", "0|1", "Whether the template is scheduled (default 1).");
    addOption(options, "misfire", "POLICY", "After downtime: latest (default), skip or all.");
    addOption(options, "allow_overlap", "0|1", "Start a job while the previous one runs (default 0).");
    addOption(options, "config", "KEY=VALUE", "Configuration value for the job's environment (repeatable).", true);
    addOption(options, "note", "TEXT", "Free-form note.");
  }

  void applyFields(CommandContext& context, RunTemplate& t) const {
    if (auto v = value("name")) t.name = *v;
    if (auto id = integer("app_id")) {
      t.appId = *id;
    } else if (auto uuid = value("app_uuid")) {
      auto app = context.applications().findByUuid(*uuid);
      if (!app) throw ValidationException("--app_uuid: no application with uuid " + *uuid);
      t.appId = app->id;
    }
    if (auto id = integer("company_id"))
      t.companyId = *id;
    else if (auto company = value("company"))
      t.companyId = companyIdOf(context, "company", *company);
    if (auto v = value("interv")) t.interval = Interval::parse(*v);
    assignClearable("cron", t.cron);
    if (has("cron") && t.cron && !has("interv")) t.interval = 'c';
    if (t.interval != 'c' && has("interv") && !has("cron")) t.cron.reset();
    if (auto v = integer("delay")) t.delaySeconds = checkedDelay(*v);
    assignClearable("timezone", t.timeZone);
    if (auto v = value("executor")) {
      t.executor = *v;
      try {
        context.plugins().executor(*v);
      } catch (const UnknownComponentException& e) {
        throw ValidationException("--executor: " + e.message());
      }
    }
    if (auto v = flag("active")) t.active = *v;
    if (auto v = value("misfire")) t.misfire = parseMisfire(*v);
    if (auto v = flag("allow_overlap")) t.allowOverlap = *v;
    for (const auto& [k, v] : pairs("config")) t.config[k] = v;
    assignClearable("note", t.note);
    assignClearable("ociimage", t.ociimage);
    if (has("executor") || has("ociimage") || has("app_id") || has("app_uuid")) requireExecutorAccepts(context, t);
  }

  /// The executor's can_run on the application as this template runs it.
  static void requireExecutorAccepts(CommandContext& context, const RunTemplate& t) {
    const auto app = context.applications().findById(t.appId);
    if (!app) return;  // the repository names the missing application
    const auto refusal = context.plugins().executor(t.executor).refusal(manifestForTemplate(*app, t.ociimage).dump());
    if (refusal)
      throw ValidationException("--executor: executor '" + t.executor + "' cannot run application '" + app->name +
                                "': " + *refusal);
  }
};

class CreateCommand : public RunTemplateEditCommand {
 public:
  std::string name() const override { return "run-template:create"; }
  std::string summary() const override { return "Create a run template (an application run for a company)"; }
  void defineOptions(Poco::Util::OptionSet& options) override { defineFields(options); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    if (!has("app_id") && !has("app_uuid")) throw UsageException("run-template:create needs --app_id or --app_uuid");
    if (!has("company_id") && !has("company"))
      throw UsageException("run-template:create needs --company_id or --company");
    RunTemplate t;
    t.name = required("name");
    applyFields(context, t);
    const int64_t id = context.runTemplates().create(t);
    context.notifyDaemons(WakeTopic::Templates);
    printTemplate(context, *context.runTemplates().findById(id));
    return 0;
  }
};

class ListCommand : public Command {
 public:
  std::string name() const override { return "run-template:list"; }
  std::string summary() const override { return "List run templates"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "company", "SLUG|ID", "Only this company's.");
    addOption(options, "company_id", "ID", "Only this company's.");
    addOption(options, "app_id", "ID", "Only this application's.");
    addOption(options, "app_uuid", "UUID", "Only this application's.");
    addOption(options, "limit", "N", "At most N rows (default 100).");
    addOption(options, "offset", "N", "Skip the first N rows.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    RunTemplateFilter filter;
    filter.limit = limit();
    filter.offset = offset();
    if (auto id = integer("company_id")) filter.companyId = *id;
    if (auto company = value("company")) filter.companyId = companyIdOf(context, "company", *company);
    if (auto id = integer("app_id")) filter.appId = *id;
    if (auto uuid = value("app_uuid")) {
      auto app = context.applications().findByUuid(*uuid);
      if (!app) throw ValidationException("--app_uuid: no application with uuid " + *uuid);
      filter.appId = app->id;
    }
    const auto templates = context.runTemplates().list(filter);
    if (context.json()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& t : templates) list.push_back(runTemplateJson(t));
      printJson(context.out(), list);
      return 0;
    }
    TextTable table({"ID", "NAME", "APP", "COMPANY", "INTERV", "CRON", "EXECUTOR", "ACTIVE"});
    for (const auto& t : templates)
      table.addRow({std::to_string(t.id), t.name, std::to_string(t.appId), std::to_string(t.companyId),
                    std::string(1, t.interval), t.cron.value_or(""), t.executor, t.active ? "yes" : "no"});
    table.print(context.out());
    return 0;
  }
};

RunTemplate selectTemplate(CommandContext& context, std::optional<int64_t> id, std::optional<std::string> name,
                           const std::string& command) {
  std::optional<RunTemplate> t;
  if (id)
    t = context.runTemplates().findById(*id);
  else if (name)
    t = context.runTemplates().findByName(*name);
  else
    throw UsageException(command + " needs --id or --name");
  if (!t) throw NotFoundException(id ? "no run template with id " + std::to_string(*id)
                                     : "no run template named '" + *name + "'");
  return *t;
}

class GetCommand : public Command {
 public:
  std::string name() const override { return "run-template:get"; }
  std::string summary() const override { return "Show one run template"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "Run template id.");
    addOption(options, "name", "NAME", "Run template name.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    printTemplate(context, selectTemplate(context, integer("id"), value("name"), name()));
    return 0;
  }
};

class UpdateCommand : public RunTemplateEditCommand {
 public:
  std::string name() const override { return "run-template:update"; }
  std::string summary() const override { return "Change a run template"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "Run template id (required).");
    defineFields(options);
    addOption(options, "unset-config", "KEY", "Remove a configuration value (repeatable).", true);
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    RunTemplate t = selectTemplate(context, requiredInteger("id"), std::nullopt, name());
    applyFields(context, t);
    for (const auto& key : values("unset-config"))
      if (t.config.erase(key) == 0)
        throw ValidationException("--unset-config: the run template has no value '" + key + "'");
    context.runTemplates().update(t);
    context.notifyDaemons(WakeTopic::Templates);
    printTemplate(context, *context.runTemplates().findById(t.id));
    return 0;
  }
};

class DeleteCommand : public Command {
 public:
  std::string name() const override { return "run-template:delete"; }
  std::string summary() const override { return "Delete a run template without jobs"; }
  void defineOptions(Poco::Util::OptionSet& options) override { addOption(options, "id", "ID", "Run template id."); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t id = requiredInteger("id");
    context.runTemplates().remove(id);
    printDeleted(context.out(), context.json(), "run template", id);
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> runTemplateCommands() {
  std::vector<std::unique_ptr<Command>> out;
  out.push_back(std::make_unique<CreateCommand>());
  out.push_back(std::make_unique<ListCommand>());
  out.push_back(std::make_unique<GetCommand>());
  out.push_back(std::make_unique<UpdateCommand>());
  out.push_back(std::make_unique<DeleteCommand>());
  return out;
}

}  // namespace MultiFlexi
