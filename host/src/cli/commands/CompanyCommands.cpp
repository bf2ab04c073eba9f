#include "cli/commands/CompanyCommands.h"

#include "cli/CommandContext.h"
#include "api/EntityJson.h"
#include "cli/TextTable.h"
#include "catalog/CompanyCatalog.h"
#include "common/Exceptions.h"

#include <ostream>

namespace MultiFlexi {

namespace {

void printCompany(CommandContext& context, const Company& company) {
  if (context.json())
    printJson(context.out(), companyJson(company));
  else
    printObject(context.out(), companyJson(company));
}

/// The fields create and update share.
class CompanyEditCommand : public Command {
 protected:
  void defineFields(Poco::Util::OptionSet& options) {
    addOption(options, "name", "NAME", "Company name.");
    addOption(options, "slug", "SLUG", "Short unique code ([A-Za-z0-9_-]).");
    addOption(options, "ic", "IC", "Company registration number (empty to clear).");
    addOption(options, "dic", "DIC", "VAT id (empty to clear).");
    addOption(options, "email", "EMAIL", "Contact e-mail (empty to clear).");
    addOption(options, "timezone", "ZONE", "IANA time zone of the company's schedules (empty to clear).");
    addOption(options, "zabbix_host", "HOST", "The company's host name in Zabbix (empty to clear).");
    addOption(options, "enabled", "0|1", "Whether the company's jobs run (default 1).");
    addOption(options, "env", "KEY=VALUE", "Environment variable every job of the company gets (repeatable).", true);
  }
  /// The options given, as a change the catalog applies.
  CompanyChanges changes() const {
    CompanyChanges c;
    c.name = value("name");
    c.slug = value("slug");
    c.ic = value("ic");
    c.dic = value("dic");
    c.email = value("email");
    c.timeZone = value("timezone");
    c.zabbixHost = value("zabbix_host");
    c.enabled = flag("enabled");
    c.environment = pairs("env");
    return c;
  }
};

class CreateCommand : public CompanyEditCommand {
 public:
  std::string name() const override { return "company:create"; }
  std::string summary() const override { return "Create a company"; }
  void defineOptions(Poco::Util::OptionSet& options) override { defineFields(options); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    CompanyChanges c = changes();
    c.name = required("name");
    c.slug = required("slug");
    printCompany(context, context.catalog().companies().create(c));
    return 0;
  }
};

class ListCommand : public Command {
 public:
  std::string name() const override { return "company:list"; }
  std::string summary() const override { return "List companies"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "limit", "N", "At most N rows (default 100).");
    addOption(options, "offset", "N", "Skip the first N rows.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const auto companies = context.catalog().companies().list(limit(), offset());
    if (context.json()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& c : companies) list.push_back(companyJson(c));
      printJson(context.out(), list);
      return 0;
    }
    TextTable table({"ID", "SLUG", "NAME", "IC", "EMAIL", "ENABLED"});
    for (const auto& c : companies)
      table.addRow({std::to_string(c.id), c.slug, c.name, c.ic.value_or(""), c.email.value_or(""),
                    c.enabled ? "yes" : "no"});
    table.print(context.out());
    return 0;
  }
};

class GetCommand : public Command {
 public:
  std::string name() const override { return "company:get"; }
  std::string summary() const override { return "Show one company"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "Company id.");
    addOption(options, "slug", "SLUG", "Company slug.");
    addOption(options, "name", "NAME", "Company name.");
    addOption(options, "ic", "IC", "Company registration number.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const CompanyKey key{integer("id"), value("slug"), value("name"), value("ic")};
    if (key.empty()) throw UsageException(name() + " needs --id, --slug, --name or --ic");
    printCompany(context, context.catalog().companies().get(key));
    return 0;
  }
};

class UpdateCommand : public CompanyEditCommand {
 public:
  std::string name() const override { return "company:update"; }
  std::string summary() const override { return "Change a company's fields or environment"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "Company id (required).");
    defineFields(options);
    addOption(options, "unset-env", "KEY", "Remove an environment variable (repeatable).", true);
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t id = requiredInteger("id");
    CompanyChanges c = changes();
    c.unsetEnvironment = values("unset-env");
    printCompany(context, context.catalog().companies().update(id, c));
    return 0;
  }
};

class RemoveCommand : public Command {
 public:
  std::string name() const override { return "company:remove"; }
  std::string summary() const override { return "Delete a company without run templates or jobs"; }
  void defineOptions(Poco::Util::OptionSet& options) override { addOption(options, "id", "ID", "Company id."); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t id = requiredInteger("id");
    context.catalog().companies().remove(id);
    printDeleted(context.out(), context.json(), "company", id);
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> companyCommands() {
  std::vector<std::unique_ptr<Command>> out;
  out.push_back(std::make_unique<CreateCommand>());
  out.push_back(std::make_unique<ListCommand>());
  out.push_back(std::make_unique<GetCommand>());
  out.push_back(std::make_unique<UpdateCommand>());
  out.push_back(std::make_unique<RemoveCommand>());
  return out;
}

}  // namespace MultiFlexi
