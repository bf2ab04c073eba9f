#include "cli/commands/ArtifactCommands.h"

#include "cli/CommandContext.h"
#include "api/EntityJson.h"
#include "cli/TextTable.h"
#include "catalog/JobCatalog.h"
#include "common/Exceptions.h"
#include "executor/ArtifactCollector.h"

#include <fstream>
#include <ostream>

namespace MultiFlexi {

namespace {

class ListCommand : public Command {
 public:
  std::string name() const override { return "artifact:list"; }
  std::string summary() const override { return "List artifacts, newest first"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "job_id", "ID", "Only the artifacts of this job.");
    addOption(options, "limit", "N", "At most N rows (default 100).");
    addOption(options, "offset", "N", "Skip the first N rows.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const auto artifacts = context.catalog().jobs().artifacts(integer("job_id"), limit(), offset());
    if (context.json()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& a : artifacts) list.push_back(artifactJson(a));
      printJson(context.out(), list);
      return 0;
    }
    TextTable table({"ID", "JOB", "FILE", "TYPE", "SIZE", "CREATED"});
    for (const auto& a : artifacts)
      table.addRow({std::to_string(a.id), std::to_string(a.jobId), a.filename, a.contentType, std::to_string(a.size),
                    formatInstant(a.createdAt)});
    table.print(context.out());
    return 0;
  }
};

class GetCommand : public Command {
 public:
  std::string name() const override { return "artifact:get"; }
  std::string summary() const override { return "Show an artifact (text content inline)"; }
  void defineOptions(Poco::Util::OptionSet& options) override { addOption(options, "id", "ID", "The artifact."); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const Artifact a = context.catalog().jobs().artifact(requiredInteger("id"));
    OrderedJson j = artifactJson(a);
    const bool text = isTextType(a.contentType);
    if (context.json()) {
      j["content"] = text ? OrderedJson(a.content) : OrderedJson();
      printJson(context.out(), j);
      return 0;
    }
    printObject(context.out(), j);
    context.out() << "--- content ---\n";
    if (text)
      context.out() << a.content;
    else
      context.out() << "(" << a.size << " bytes of " << a.contentType << ": use artifact:save --id " << a.id
                    << " --file FILE)\n";
    return 0;
  }
};

class SaveCommand : public Command {
 public:
  std::string name() const override { return "artifact:save"; }
  std::string summary() const override { return "Write an artifact's content to a file"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "The artifact.");
    addOption(options, "file", "FILE", "Where to write it.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const Artifact a = context.catalog().jobs().artifact(requiredInteger("id"));
    const std::string path = required("file");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(a.content.data(), static_cast<std::streamsize>(a.content.size()));
    out.close();
    if (!out) throw MultiFlexiException("--file: cannot write " + path);
    if (context.json())
      printJson(context.out(), {{"id", a.id}, {"file", path}, {"size", a.size}});
    else
      context.out() << "saved artifact " << a.id << " (" << a.size << " bytes) to " << path << '\n';
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> artifactCommands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(std::make_unique<ListCommand>());
  commands.push_back(std::make_unique<GetCommand>());
  commands.push_back(std::make_unique<SaveCommand>());
  return commands;
}

}  // namespace MultiFlexi
