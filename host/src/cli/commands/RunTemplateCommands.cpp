#include "cli/commands/RunTemplateCommands.h"

#include "cli/CommandContext.h"
#include "api/EntityJson.h"
#include "cli/TextTable.h"
#include "common/Exceptions.h"
#include "catalog/RunTemplateCatalog.h"

#include <ostream>

namespace MultiFlexi {

namespace {

void printTemplate(CommandContext& context, const RunTemplate& t) {
  if (context.json())
    printJson(context.out(), runTemplateJson(t));
  else
    printObject(context.out(), runTemplateJson(t));
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

  /// The options given, as a change the catalog applies.
  RunTemplateChanges changes() const {
    RunTemplateChanges c;
    c.name = value("name");
    c.appId = integer("app_id");
    if (!c.appId) c.appUuid = value("app_uuid");
    c.companyId = integer("company_id");
    if (!c.companyId) c.company = value("company");
    c.interval = value("interv");
    c.cron = value("cron");
    c.delaySeconds = integer("delay");
    c.timeZone = value("timezone");
    c.executor = value("executor");
    c.active = flag("active");
    c.misfire = value("misfire");
    c.allowOverlap = flag("allow_overlap");
    c.config = pairs("config");
    c.note = value("note");
    c.ociimage = value("ociimage");
    return c;
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
    RunTemplateChanges c = changes();
    c.name = required("name");
    printTemplate(context, context.catalog().runTemplates().create(c));
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
    RunTemplateQuery query;
    query.limit = limit();
    query.offset = offset();
    query.companyId = integer("company_id");
    query.company = value("company");
    query.appId = integer("app_id");
    query.appUuid = value("app_uuid");
    const auto templates = context.catalog().runTemplates().list(query);
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
    auto& runTemplates = context.catalog().runTemplates();
    if (auto id = integer("id"))
      printTemplate(context, runTemplates.get(*id));
    else if (auto templateName = value("name"))
      printTemplate(context, runTemplates.getByName(*templateName));
    else
      throw UsageException(name() + " needs --id or --name");
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
    const int64_t id = requiredInteger("id");
    RunTemplateChanges c = changes();
    c.unsetConfig = values("unset-config");
    printTemplate(context, context.catalog().runTemplates().update(id, c));
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
    context.catalog().runTemplates().remove(id);
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
