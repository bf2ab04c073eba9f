#include "cli/commands/RunTemplateCredentialCommands.h"

#include "catalog/CredentialCatalog.h"
#include "catalog/RunTemplateCatalog.h"
#include "cli/CommandContext.h"
#include "cli/Output.h"
#include "cli/TextTable.h"
#include "common/Exceptions.h"

#include <ostream>

namespace MultiFlexi {

namespace {

void printBindings(CommandContext& context, int64_t runtemplateId) {
  const auto bindings = context.catalog().credentials().credentials().bindings(runtemplateId);
  if (context.json()) {
    OrderedJson list = OrderedJson::array();
    for (const auto& b : bindings)
      list.push_back({{"runtemplate_id", b.runtemplateId},
                      {"requirement", b.requirement},
                      {"credential_id", b.credentialId},
                      {"credential", b.credentialName},
                      {"credential_type_id", b.typeId},
                      {"credential_type", b.typeName}});
    printJson(context.out(), list);
    return;
  }
  TextTable table({"REQUIREMENT", "CREDENTIAL_ID", "CREDENTIAL", "TYPE"});
  for (const auto& b : bindings)
    table.addRow({b.requirement, std::to_string(b.credentialId), b.credentialName, b.typeName});
  table.print(context.out());
}

class AssignCommand : public Command {
 public:
  std::string name() const override { return "run-template:assign-credential"; }
  std::string summary() const override { return "Give a run template's jobs a credential of its company"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "Run template id (required).");
    addOption(options, "credential_id", "ID", "Credential id (required).");
    addOption(options, "requirement", "CODE", "The application requirement it fills (default: what its type provides).");
    options.addOption(Poco::Util::Option("extra", "", "Allow a requirement the application does not list."));
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t id = requiredInteger("id");
    context.catalog().runTemplates().assignCredential(id, requiredInteger("credential_id"), value("requirement"),
                                                      has("extra"));
    printBindings(context, id);
    return 0;
  }
};

class UnassignCommand : public Command {
 public:
  std::string name() const override { return "run-template:unassign-credential"; }
  std::string summary() const override { return "Take a credential away from a run template"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "Run template id (required).");
    addOption(options, "credential_id", "ID", "Credential id (required).");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t id = requiredInteger("id");
    context.catalog().runTemplates().unassignCredential(id, requiredInteger("credential_id"));
    printBindings(context, id);
    return 0;
  }
};

class ListCommand : public Command {
 public:
  std::string name() const override { return "run-template:list-credentials"; }
  std::string summary() const override { return "Show which credential fills each requirement of a run template"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "Run template id (required).");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    printBindings(context, context.catalog().runTemplates().get(requiredInteger("id")).id);
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> runTemplateCredentialCommands() {
  std::vector<std::unique_ptr<Command>> out;
  out.push_back(std::make_unique<AssignCommand>());
  out.push_back(std::make_unique<UnassignCommand>());
  out.push_back(std::make_unique<ListCommand>());
  return out;
}

}  // namespace MultiFlexi
