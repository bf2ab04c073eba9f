#include "cli/commands/CompanyCommands.h"

#include "cli/CommandContext.h"
#include "api/EntityJson.h"
#include "cli/TextTable.h"
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
    addOption(options, "enabled", "0|1", "Whether the company's jobs run (default 1).");
    addOption(options, "env", "KEY=VALUE", "Environment variable every job of the company gets (repeatable).", true);
  }
  void applyFields(Company& c) const {
    if (auto v = value("name")) c.name = *v;
    if (auto v = value("slug")) c.slug = *v;
    assignClearable("ic", c.ic);
    assignClearable("dic", c.dic);
    assignClearable("email", c.email);
    assignClearable("timezone", c.timeZone);
    if (auto v = flag("enabled")) c.enabled = *v;
    for (const auto& [k, v] : pairs("env")) c.environment[k] = v;
  }
};

class CreateCommand : public CompanyEditCommand {
 public:
  std::string name() const override { return "company:create"; }
  std::string summary() const override { return "Create a company"; }
  void defineOptions(Poco::Util::OptionSet& options) override { defineFields(options); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    Company company;
    company.name = required("name");
    company.slug = required("slug");
    applyFields(company);
    const int64_t id = context.companies().create(company);
    printCompany(context, *context.companies().findById(id));
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
    const auto companies = context.companies().list(limit(), offset());
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

Company selectCompany(const Command& command, CommandContext& context, std::optional<int64_t> id,
                      std::optional<std::string> slug, std::optional<std::string> name,
                      std::optional<std::string> ic) {
  std::optional<Company> company;
  std::string what;
  if (id) {
    company = context.companies().findById(*id);
    what = "id " + std::to_string(*id);
  } else if (slug) {
    company = context.companies().findBySlug(*slug);
    what = "slug '" + *slug + "'";
  } else if (name) {
    company = context.companies().findByName(*name);
    what = "name '" + *name + "'";
  } else if (ic) {
    company = context.companies().findByIc(*ic);
    what = "ic '" + *ic + "'";
  } else {
    throw UsageException(command.name() + " needs --id, --slug, --name or --ic");
  }
  if (!company) throw NotFoundException("no company with " + what);
  return *company;
}

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
    printCompany(context, selectCompany(*this, context, integer("id"), value("slug"), value("name"), value("ic")));
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
    Company company =
        selectCompany(*this, context, requiredInteger("id"), std::nullopt, std::nullopt, std::nullopt);
    applyFields(company);
    for (const auto& key : values("unset-env"))
      if (company.environment.erase(key) == 0)
        throw ValidationException("--unset-env: the company has no variable '" + key + "'");
    context.companies().update(company);
    context.notifyDaemons(WakeTopic::Templates);  // its time zone may have changed
    printCompany(context, *context.companies().findById(company.id));
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
    context.companies().remove(id);
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
