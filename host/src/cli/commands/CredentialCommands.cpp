#include "cli/commands/CredentialCommands.h"

#include "catalog/CredentialCatalog.h"
#include "cli/CommandContext.h"
#include "api/EntityJson.h"
#include "app/EnvFile.h"
#include "cli/TextTable.h"
#include "common/Exceptions.h"

#include <ostream>

namespace MultiFlexi {

namespace {

void printCredential(CommandContext& context, const Credential& c, bool reveal) {
  const OrderedJson j = credentialJson(c, reveal);
  if (context.json()) {
    printJson(context.out(), j);
    return;
  }
  OrderedJson top = j;
  top.erase("values");
  top.erase("secret_fields");
  printObject(context.out(), top);
  TextTable table({"FIELD", "VALUE", "SECRET"});
  for (const auto& [k, v] : j["values"].items())
    table.addRow({k, v.get<std::string>(), c.secretKeys.count(k) ? "yes" : "no"});
  context.out() << '\n';
  table.print(context.out());
}

/// Options create and update share. Values from a file (--from-env, which
/// may be /dev/stdin) stay out of the process list and shell history.
class CredentialEditCommand : public Command {
 protected:
  void defineValues(Poco::Util::OptionSet& options) {
    addOption(options, "field", "KEY=VALUE", "A field's value (repeatable). Prefer --from-env for secrets.", true);
    addOption(options, "from-env", "FILE", "Read KEY=VALUE lines (an env file; /dev/stdin works).");
  }
  void applyValues(Credential& c) const {
    if (auto file = value("from-env"))
      for (auto& [k, v] : readEnvFile(*file)) c.values[k] = std::move(v);
    for (const auto& [k, v] : pairs("field")) c.values[k] = v;
  }
};

class CreateCommand : public CredentialEditCommand {
 public:
  std::string name() const override { return "credential:create"; }
  std::string summary() const override { return "Store a company's credential of one of its credential types"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "credential_type_id", "ID", "Its credential type (required; fixes the company).");
    addOption(options, "company_id", "ID", "The company (checked against the type's).");
    addOption(options, "name", "NAME", "Name, unique within the company (required).");
    defineValues(options);
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    Credential c;
    c.typeId = requiredInteger("credential_type_id");
    c.companyId = integer("company_id").value_or(0);
    c.name = required("name");
    applyValues(c);
    const int64_t id = context.catalog().credentials().createCredential(c);
    printCredential(context, context.catalog().credentials().credential(id), false);
    return 0;
  }
};

class UpdateCommand : public CredentialEditCommand {
 public:
  std::string name() const override { return "credential:update"; }
  std::string summary() const override { return "Change a credential's name or values"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "Credential id (required).");
    addOption(options, "name", "NAME", "New name.");
    defineValues(options);
    addOption(options, "unset-field", "KEY", "Remove a value (repeatable).", true);
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t id = requiredInteger("id");
    Credential given;
    applyValues(given);
    CredentialChanges changes;
    changes.name = value("name");
    changes.values = given.values;
    changes.unset = values("unset-field");
    printCredential(context, context.catalog().credentials().updateCredential(id, changes), false);
    return 0;
  }
};

class ListCommand : public Command {
 public:
  std::string name() const override { return "credential:list"; }
  std::string summary() const override { return "List credentials (values masked)"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "company_id", "ID", "Only this company's.");
    addOption(options, "credential_type_id", "ID", "Only of this type.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const auto credentials = context.catalog().credentials().credentials().list(integer("company_id"), integer("credential_type_id"));
    if (context.json()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& c : credentials) list.push_back(credentialJson(c, false));
      printJson(context.out(), list);
      return 0;
    }
    TextTable table({"ID", "COMPANY", "TYPE", "NAME", "FIELDS"});
    for (const auto& c : credentials)
      table.addRow({std::to_string(c.id), std::to_string(c.companyId), std::to_string(c.typeId), c.name,
                    std::to_string(c.values.size())});
    table.print(context.out());
    return 0;
  }
};

class GetCommand : public Command {
 public:
  std::string name() const override { return "credential:get"; }
  std::string summary() const override { return "Show one credential; --reveal shows secrets and is audit-logged"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "Credential id.");
    options.addOption(Poco::Util::Option("reveal", "", "Show secret values (written to the audit log)."));
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t id = requiredInteger("id");
    const bool reveal = has("reveal");
    auto& credentials = context.catalog().credentials();
    printCredential(context, reveal ? credentials.reveal(id) : credentials.credential(id), reveal);
    return 0;
  }
};

class RemoveCommand : public Command {
 public:
  std::string name() const override { return "credential:remove"; }
  std::string summary() const override { return "Delete a credential no run template uses"; }
  void defineOptions(Poco::Util::OptionSet& options) override { addOption(options, "id", "ID", "Credential id."); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t id = requiredInteger("id");
    context.catalog().credentials().removeCredential(id);
    printDeleted(context.out(), context.json(), "credential", id);
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> credentialCommands() {
  std::vector<std::unique_ptr<Command>> out;
  out.push_back(std::make_unique<CreateCommand>());
  out.push_back(std::make_unique<UpdateCommand>());
  out.push_back(std::make_unique<ListCommand>());
  out.push_back(std::make_unique<GetCommand>());
  out.push_back(std::make_unique<RemoveCommand>());
  return out;
}

}  // namespace MultiFlexi
