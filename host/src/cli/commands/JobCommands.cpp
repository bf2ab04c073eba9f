#include "cli/commands/JobCommands.h"

#include "cli/CommandContext.h"
#include "api/EntityJson.h"
#include "cli/TextTable.h"
#include "catalog/JobCatalog.h"
#include "common/Exceptions.h"

#include <Poco/Environment.h>

#include <ostream>
#include <thread>

#include <unistd.h>

namespace MultiFlexi {

namespace {

std::string numberText(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }
std::string instantText(const std::optional<Instant>& v) { return v ? formatInstant(*v) : ""; }

bool ended(JobState state) { return state != JobState::Pending && state != JobState::Running; }

void writeAll(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

class ListCommand : public Command {
 public:
  std::string name() const override { return "job:list"; }
  std::string summary() const override { return "List jobs, newest first"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "status", "STATE", "Only jobs in this state: pending, running, success, failed, cancelled, lost.");
    addOption(options, "runtemplate_id", "ID", "Only jobs of this run template.");
    addOption(options, "limit", "N", "At most N rows (default 100).");
    addOption(options, "offset", "N", "Skip the first N rows.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    JobFilter filter;
    if (auto s = value("status")) filter.state = parseJobState(*s);
    filter.runtemplateId = integer("runtemplate_id");
    filter.limit = limit();
    filter.offset = offset();
    const auto jobs = context.catalog().jobs().list(filter);
    if (context.json()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& j : jobs) list.push_back(jobJson(j));
      printJson(context.out(), list);
      return 0;
    }
    TextTable table({"ID", "TEMPLATE", "STATUS", "OUTCOME", "EXIT", "SCHEDULED", "BEGIN", "END"});
    for (const auto& j : jobs)
      table.addRow({std::to_string(j.id), numberText(j.runtemplateId), jobStateName(j.state),
                    j.outcome.value_or(""), numberText(j.exitCode), formatInstant(j.scheduledFor),
                    instantText(j.beginAt), instantText(j.endAt)});
    table.print(context.out());
    return 0;
  }
};

class GetCommand : public Command {
 public:
  std::string name() const override { return "job:get"; }
  std::string summary() const override { return "Show a job and its output"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "id", "ID", "The job.");
    options.addOption(Poco::Util::Option("follow", "", "Stream the output of a running job until it ends."));
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const int64_t id = requiredInteger("id");
    const Job job = context.catalog().jobs().get(id);
    if (has("follow")) return follow(context, job);
    const auto chunks = context.catalog().jobs().output(id);
    if (context.json()) {
      OrderedJson j = jobJson(job);
      OrderedJson output = OrderedJson::array();
      for (const auto& c : chunks)
        output.push_back({{"seq", c.seq}, {"stream", c.stream == 1 ? "stdout" : "stderr"}, {"text", c.bytes}});
      j["output"] = output;
      printJson(context.out(), j);
      return 0;
    }
    printObject(context.out(), jobJson(job));
    context.out() << "--- output ---\n";
    for (const auto& c : chunks) context.out() << c.bytes;
    context.out().flush();
    return 0;
  }

 private:
  /// Prints stdout and stderr as they are stored, to our stdout and stderr.
  static int follow(CommandContext& context, Job job) {
    int64_t seq = -1;
    for (;;) {
      const bool wasEnded = ended(job.state);
      for (const auto& c : context.catalog().jobs().output(job.id, seq)) {
        writeAll(c.stream == 1 ? STDOUT_FILENO : STDERR_FILENO, c.bytes);
        seq = c.seq;
      }
      if (wasEnded) break;  // everything it stored before it ended is printed
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      job = context.catalog().jobs().get(job.id);
    }
    std::string end = "job " + std::to_string(job.id) + " " + jobStateName(job.state);
    if (job.exitCode) end += " (exit code " + std::to_string(*job.exitCode) + ")";
    if (job.message && !job.message->empty()) end += ": " + *job.message;
    writeAll(STDERR_FILENO, end + "\n");
    return 0;
  }
};

class CancelCommand : public Command {
 public:
  std::string name() const override { return "job:cancel"; }
  std::string summary() const override { return "Cancel a pending job, or ask the executor to stop a running one"; }
  void defineOptions(Poco::Util::OptionSet& options) override { addOption(options, "id", "ID", "The job."); }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const Job job = context.catalog().jobs().cancel(requiredInteger("id"), Poco::Environment::get("USER", "cli"));
    if (context.json())
      printJson(context.out(), jobJson(job));
    else
      printObject(context.out(), jobJson(job));
    return 0;
  }
};

class StatusCommand : public Command {
 public:
  std::string name() const override { return "job:status"; }
  std::string summary() const override { return "Count jobs by state"; }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const auto counts = context.catalog().jobs().countByState();
    OrderedJson j;
    int64_t total = 0;
    for (JobState s : {JobState::Pending, JobState::Running, JobState::Success, JobState::Failed, JobState::Cancelled,
                       JobState::Lost}) {
      const auto it = counts.find(s);
      const int64_t n = it == counts.end() ? 0 : it->second;
      j[jobStateName(s)] = n;
      total += n;
    }
    j["total"] = total;
    if (context.json())
      printJson(context.out(), j);
    else
      printObject(context.out(), j);
    return 0;
  }
};

class QueueListCommand : public Command {
 public:
  std::string name() const override { return "queue:list"; }
  std::string summary() const override { return "List pending jobs, earliest due first"; }
  void defineOptions(Poco::Util::OptionSet& options) override {
    addOption(options, "limit", "N", "At most N rows (default 100).");
    addOption(options, "offset", "N", "Skip the first N rows.");
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override {
    requireNoArguments(args);
    const auto queue = context.catalog().jobs().queue(limit(), offset());
    if (context.json()) {
      OrderedJson list = OrderedJson::array();
      for (const auto& e : queue) {
        OrderedJson j = jobJson(e.job);
        j["runtemplate_name"] = e.runtemplateName;
        j["app_name"] = e.appName;
        j["company_name"] = e.companyName;
        list.push_back(j);
      }
      printJson(context.out(), list);
      return 0;
    }
    TextTable table({"JOB", "DUE", "TEMPLATE", "APPLICATION", "COMPANY", "TYPE", "EXECUTOR"});
    for (const auto& e : queue)
      table.addRow({std::to_string(e.job.id), formatInstant(e.job.scheduledFor), e.runtemplateName, e.appName,
                    e.companyName, e.job.scheduleType, e.job.executor});
    table.print(context.out());
    return 0;
  }
};

}  // namespace

std::vector<std::unique_ptr<Command>> jobCommands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(std::make_unique<ListCommand>());
  commands.push_back(std::make_unique<GetCommand>());
  commands.push_back(std::make_unique<CancelCommand>());
  commands.push_back(std::make_unique<StatusCommand>());
  commands.push_back(std::make_unique<QueueListCommand>());
  return commands;
}

}  // namespace MultiFlexi
