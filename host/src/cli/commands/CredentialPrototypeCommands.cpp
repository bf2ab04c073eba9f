#include "cli/commands/CredentialPrototypeCommands.h"

#include "catalog/CredentialCatalog.h"
#include "cli/CommandContext.h"
#include "api/EntityJson.h"
#include "cli/TextTable.h"
#include "common/Exceptions.h"
#include "manifest/ManifestValidator.h"
#include "manifest/PrototypeCodec.h"

#include <filesystem>
#include <fstream>
#include <ostream>

namespace MultiFlexi {

namespace {

/// A prototype by --id, --uuid or --code.
class PrototypeCommand : public Command {
 protected:
  void defineSelectors(Poco::Util::OptionSet& options) {
    addOption(options, "id", "ID", "Prototype id.");
    addOption(options, "uuid", "UUID", "Prototype uuid.");
    addOption(options, "code", "CODE", "Prototype code (case-insensitive).");
  }
  CredentialPrototype select(CommandContext& context) const {
    const PrototypeKey key{integer("id"), value("uuid"), value("code")};
    if (key.empty()) throw UsageException(name() + " needs --id, --uuid or --code");
    return context.catalog().credentials().prototype(key);
  }
};

class ImportCommand : public Command {
 public:
  std::string name() const override { return "credential-prototype:import-json"; }
  std::string summary() const override { return "Import a credential prototype file (both MultiFlexi formats)"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "file", "PATH", "A *.credprototype.json, *.crprototype.json or *.credtype.json file.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const std::string file = required("file");
    const CredentialPrototype prototype = prototypeFromJson(ManifestValidator::readJson(file), file);
    const PrototypeSaved saved = context.catalog().credentials().importPrototype(prototype);
    const std::string result = saved.created ? "created" : "updated";
    if (context.json())
      printJson(context.out(), {{"file", file}, {"result", result}, {"id", saved.id}, {"code", prototype.code}});
    else
      context.out() << file << ": " << result << " credential prototype " << saved.id << " (" << prototype.code
                    << ", " << prototype.fields.size() << " fields)\n";
    return 0;
  }
};

class ValidateCommand : public Command {
 public:
  std::string name() const override { return "credential-prototype:validate-json"; }
  std::string summary() const override { return "Check a credential prototype file without importing it"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "file", "PATH", "Prototype file.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const std::string file = required("file");
    const auto problems = prototypeProblems(ManifestValidator::readJson(file));
    if (context.json()) {
      printJson(context.out(), {{"file", file}, {"valid", problems.empty()}, {"problems", problems}});
    } else if (problems.empty()) {
      context.out() << file << ": valid\n";
    } else {
      context.out() << file << ": invalid\n";
      for (const auto& p : problems) context.out() << "  " << p << '\n';
    }
    return problems.empty() ? 0 : 1;
  }
};

class ListCommand : public Command {
 public:
  std::string name() const override { return "credential-prototype:list"; }
  std::string summary() const override { return "List credential prototypes"; }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const auto prototypes = context.catalog().credentials().prototypes().list();
    if (context.json()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& p : prototypes) list.push_back(prototypeSummaryJson(p));
      printJson(context.out(), list);
      return 0;
    }
    TextTable table({"ID", "CODE", "NAME", "VERSION", "FIELDS", "UUID"});
    for (const auto& p : prototypes)
      table.addRow({std::to_string(p.id), p.code, p.name, p.version.value_or(""), std::to_string(p.fields.size()),
                    p.uuid});
    table.print(context.out());
    return 0;
  }
};

class GetCommand : public PrototypeCommand {
 public:
  std::string name() const override { return "credential-prototype:get"; }
  std::string summary() const override { return "Show one credential prototype and its fields"; }
  void defineOptions(Poco::Util::OptionSet& options) override { defineSelectors(options); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const OrderedJson j = prototypeSummaryJson(select(context));
    if (context.json()) {
      printJson(context.out(), j);
      return 0;
    }
    OrderedJson top = j;
    top.erase("fields");
    printObject(context.out(), top);
    TextTable table({"KEYWORD", "TYPE", "REQUIRED", "SECRET", "DEFAULT", "NAME"});
    for (const auto& f : j["fields"])
      table.addRow({f["keyword"], f["type"], f["required"].get<bool>() ? "yes" : "no",
                    f["secret"].get<bool>() ? "yes" : "no", textOf(f["default"]), f["name"]});
    context.out() << '\n';
    table.print(context.out());
    return 0;
  }
};

class ExportCommand : public PrototypeCommand {
 public:
  std::string name() const override { return "credential-prototype:export-json"; }
  std::string summary() const override { return "Write a credential prototype file (stdout, or --file)"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    defineSelectors(options);
    addOption(options, "file", "PATH", "Write here instead of stdout.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const std::string document = prototypeToJson(select(context)).dump(2) + "\n";
    if (auto file = value("file")) {
      std::ofstream out(*file, std::ios::binary | std::ios::trunc);
      if (!(out << document)) throw MultiFlexiException("--file: cannot write " + *file);
    } else {
      context.out() << document;
    }
    return 0;
  }
};

class DeleteCommand : public PrototypeCommand {
 public:
  std::string name() const override { return "credential-prototype:delete"; }
  std::string summary() const override { return "Delete a credential prototype no credential type uses"; }
  void defineOptions(Poco::Util::OptionSet& options) override { defineSelectors(options); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const CredentialPrototype p = select(context);
    context.catalog().credentials().removePrototype(p.id);
    printDeleted(context.out(), context.json(), "credential prototype", p.id, p.code);
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> credentialPrototypeCommands() {
  std::vector<std::unique_ptr<Command>> out;
  out.push_back(std::make_unique<ImportCommand>());
  out.push_back(std::make_unique<ValidateCommand>());
  out.push_back(std::make_unique<ListCommand>());
  out.push_back(std::make_unique<GetCommand>());
  out.push_back(std::make_unique<ExportCommand>());
  out.push_back(std::make_unique<DeleteCommand>());
  return out;
}

}  // namespace MultiFlexi
