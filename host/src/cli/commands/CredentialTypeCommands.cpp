#include "cli/commands/CredentialTypeCommands.h"

#include "catalog/CredentialCatalog.h"
#include "cli/CommandContext.h"
#include "api/EntityJson.h"
#include "cli/TextTable.h"
#include "common/Exceptions.h"


#include <ostream>

namespace MultiFlexi {

namespace {

void printType(CommandContext& context, const CredentialType& t) {
  OrderedJson j = credentialTypeJson(t);
  j["kind"] = context.catalog().credentials().kindOf(t);
  if (context.json())
    printJson(context.out(), j);
  else
    printObject(context.out(), j);
}

class CreateCommand : public Command {
 public:
  std::string name() const override { return "credential-type:create"; }
  std::string summary() const override { return "Give a company a credential type (of a prototype or a plugin)"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "company_id", "ID", "The company (required).");
    addOption(options, "name", "NAME", "Name, unique within the company (required).");
    addOption(options, "prototype", "CODE|ID", "Instance of this credential prototype...");
    addOption(options, "plugin", "ID", "...or of this credential-type plugin (envfile, exec ...).");
    addOption(options, "provides", "CODE", "Requirement code it satisfies (default: prototype code or plugin id).");
    addOption(options, "setting", "KEY=VALUE", "A value every credential of the type inherits (repeatable).", true);
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    CredentialType t;
    t.companyId = requiredInteger("company_id");
    t.name = required("name");
    if (auto prototype = value("prototype")) t.prototypeId = context.catalog().credentials().prototypeIdOf("prototype", *prototype);
    if (auto plugin = value("plugin")) {
      context.plugins().credentialType(*plugin);  // names the loaded ones when unknown
      t.pluginType = *plugin;
    }
    t.provides = value("provides").value_or("");
    t.settings = pairs("setting");
    const int64_t id = context.catalog().credentials().createType(t);
    printType(context, context.catalog().credentials().type(id));
    return 0;
  }
};

class ListCommand : public Command {
 public:
  std::string name() const override { return "credential-type:list"; }
  std::string summary() const override { return "List credential types"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "company_id", "ID", "Only this company's.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const auto types = context.catalog().credentials().credentials().listTypes(integer("company_id"));
    if (context.json()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& t : types) list.push_back(credentialTypeJson(t));
      printJson(context.out(), list);
      return 0;
    }
    TextTable table({"ID", "COMPANY", "NAME", "KIND", "PROVIDES"});
    for (const auto& t : types)
      table.addRow({std::to_string(t.id), std::to_string(t.companyId), t.name, context.catalog().credentials().kindOf(t),
                    t.provides});
    table.print(context.out());
    return 0;
  }
};

class GetCommand : public Command {
 public:
  std::string name() const override { return "credential-type:get"; }
  std::string summary() const override { return "Show one credential type (secret settings masked)"; }
  void defineOptions(Poco::Util::OptionSet& options) override { addOption(options, "id", "ID", "Type id."); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    printType(context, context.catalog().credentials().type(requiredInteger("id")));
    return 0;
  }
};

class UpdateCommand : public Command {
 public:
  std::string name() const override { return "credential-type:update"; }
  std::string summary() const override { return "Change a credential type's name, requirement or settings"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "Type id (required).");
    addOption(options, "name", "NAME", "New name.");
    addOption(options, "provides", "CODE", "Requirement code it satisfies.");
    addOption(options, "setting", "KEY=VALUE", "Set a setting (repeatable).", true);
    addOption(options, "unset-setting", "KEY", "Remove a setting (repeatable).", true);
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    CredentialChanges changes;
    changes.name = value("name");
    changes.provides = value("provides");
    changes.values = pairs("setting");
    changes.unset = values("unset-setting");
    printType(context, context.catalog().credentials().updateType(requiredInteger("id"), changes));
    return 0;
  }
};

class DeleteCommand : public Command {
 public:
  std::string name() const override { return "credential-type:delete"; }
  std::string summary() const override { return "Delete a credential type without credentials"; }
  void defineOptions(Poco::Util::OptionSet& options) override { addOption(options, "id", "ID", "Type id."); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t id = requiredInteger("id");
    context.catalog().credentials().removeType(id);
    printDeleted(context.out(), context.json(), "credential type", id);
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> credentialTypeCommands() {
  std::vector<std::unique_ptr<Command>> out;
  out.push_back(std::make_unique<CreateCommand>());
  out.push_back(std::make_unique<ListCommand>());
  out.push_back(std::make_unique<GetCommand>());
  out.push_back(std::make_unique<UpdateCommand>());
  out.push_back(std::make_unique<DeleteCommand>());
  return out;
}

}  // namespace MultiFlexi
