#include "cli/commands/ApplicationCommands.h"

#include "cli/CommandContext.h"
#include "api/EntityJson.h"
#include "cli/TextTable.h"
#include "common/Exceptions.h"
#include "catalog/ApplicationCatalog.h"

#include <Poco/File.h>

#include <fstream>
#include <ostream>

namespace MultiFlexi {

namespace {

/// --id, --uuid or --name, as the commands that address one application take them.
class ApplicationCommand : public Command {
 protected:
  void defineSelector(Poco::Util::OptionSet& options) {
    addOption(options, "id", "ID", "Application id.");
    addOption(options, "uuid", "UUID", "Application uuid.");
    addOption(options, "name", "NAME", "Application name.");
  }
  Application select(CommandContext& context) const {
    const ApplicationKey key{integer("id"), value("uuid"), value("name")};
    if (key.empty()) throw UsageException(this->name() + " needs --id, --uuid or --name");
    return context.catalog().applications().get(key);
  }
};

class ListCommand : public Command {
 public:
  std::string name() const override { return "application:list"; }
  std::string summary() const override { return "List applications"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "limit", "N", "At most N rows (default 100).");
    addOption(options, "offset", "N", "Skip the first N rows.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const auto apps = context.catalog().applications().list(limit(), offset());
    if (context.json()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& a : apps) list.push_back(applicationSummaryJson(a));
      printJson(context.out(), list);
      return 0;
    }
    TextTable table({"ID", "NAME", "VERSION", "EXECUTABLE", "UUID", "REQUIREMENTS"});
    for (const auto& a : apps) {
      std::string requirements;
      for (const auto& r : a.requirements) requirements += (requirements.empty() ? "" : ",") + r;
      table.addRow({std::to_string(a.id), a.name, a.version.value_or(""), a.executable, a.uuid.value_or(""),
                    requirements});
    }
    table.print(context.out());
    return 0;
  }
};

class GetCommand : public ApplicationCommand {
 public:
  std::string name() const override { return "application:get"; }
  std::string summary() const override { return "Show one application and its manifest"; }
  void defineOptions(Poco::Util::OptionSet& options) override { defineSelector(options); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const Application app = select(context);
    if (context.json()) {
      printJson(context.out(), applicationJson(app));
      return 0;
    }
    OrderedJson summary = applicationSummaryJson(app);
    summary["title"] = app.titleJson ? localizedDefault(*app.titleJson) : "";
    summary["description"] = localizedDefault(app.descriptionJson);
    summary["cmdparams"] = app.cmdparams.value_or("");
    std::string env;
    for (const auto& f : app.environment) env += (env.empty() ? "" : ", ") + f.key;
    summary["environment"] = env;
    summary["artifacts"] = app.artifacts.size();
    summary["exit_codes"] = app.exitCodes.size();
    printObject(context.out(), summary);
    return 0;
  }
};

class ImportCommand : public Command {
 public:
  std::string name() const override { return "application:import-json"; }
  std::string summary() const override {
    return "Import a manifest file, or every *.app.json of a directory";
  }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "file", "PATH", "Manifest file or directory.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const std::string path = required("file");
    const auto reports = context.catalog().applications().importPath(path);  // a bad single file throws
    int failed = 0;
    OrderedJson list = OrderedJson::array();
    TextTable table({"FILE", "RESULT", "ID", "NAME / ERROR"});
    for (const auto& r : reports) {
      failed += r.imported ? 0 : 1;
      const std::string result = r.imported ? (r.created ? "created" : "updated") : "refused";
      list.push_back({{"file", r.file}, {"result", result}, {"id", r.imported ? OrderedJson(r.applicationId) : OrderedJson()},
                      {"name", r.name}, {"error", r.error}});
      table.addRow({r.file, result, r.imported ? std::to_string(r.applicationId) : "-",
                    r.imported ? r.name : r.error});
    }
    if (context.json())
      printJson(context.out(), list);
    else
      table.print(context.out());
    return failed == 0 ? 0 : 1;
  }
};

class ValidateCommand : public Command {
 public:
  std::string name() const override { return "application:validate-json"; }
  std::string summary() const override { return "Check a manifest against MultiFlexi's schema, import nothing"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "file", "PATH", "Manifest file.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const std::string file = required("file");
    const Application app = context.catalog().applications().check(file);
    if (context.json())
      printJson(context.out(), {{"file", file}, {"valid", true}, {"name", app.name}, {"uuid", opt(app.uuid)}});
    else
      context.out() << file << ": valid (" << app.name << ")\n";
    return 0;
  }

 private:
  static OrderedJson opt(const std::optional<std::string>& v) { return v ? OrderedJson(*v) : OrderedJson(); }
};

class ExportCommand : public ApplicationCommand {
 public:
  std::string name() const override { return "application:export-json"; }
  std::string summary() const override { return "Write an application's manifest (stdout, or --file)"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    defineSelector(options);
    addOption(options, "file", "PATH", "Write here instead of stdout.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const std::string manifest = manifestFromApplication(select(context)).dump(2) + "\n";
    if (auto file = value("file")) {
      std::ofstream out(*file, std::ios::binary | std::ios::trunc);
      if (!(out << manifest)) throw MultiFlexiException("--file: cannot write " + *file);
    } else {
      context.out() << manifest;
    }
    return 0;
  }
};

class DeleteCommand : public ApplicationCommand {
 public:
  std::string name() const override { return "application:delete"; }
  std::string summary() const override { return "Delete an application that no run template uses"; }
  void defineOptions(Poco::Util::OptionSet& options) override { defineSelector(options); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const Application app = select(context);
    context.catalog().applications().remove(app.id);
    printDeleted(context.out(), context.json(), "application", app.id, app.name);
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> applicationCommands() {
  std::vector<std::unique_ptr<Command>> out;
  out.push_back(std::make_unique<ListCommand>());
  out.push_back(std::make_unique<GetCommand>());
  out.push_back(std::make_unique<ImportCommand>());
  out.push_back(std::make_unique<ValidateCommand>());
  out.push_back(std::make_unique<ExportCommand>());
  out.push_back(std::make_unique<DeleteCommand>());
  return out;
}

}  // namespace MultiFlexi
