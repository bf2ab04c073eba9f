#include "cli/commands/ExecutorRunCommand.h"

#include "cli/CommandContext.h"
#include "app/StopSignals.h"
#include "common/Exceptions.h"
#include "domain/JobOutcome.h"

#include <Poco/JSON/Object.h>
#include <Poco/NumberParser.h>
#include <Poco/Util/Option.h>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <iostream>
#include <cerrno>
#include <cmath>
#include <mutex>
#include <ostream>

namespace MultiFlexi {

namespace {

void writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the reader went away; the job still runs to its end
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

/// Streams output to our stdout/stderr (text) or collects it (json).
class ConsoleSink : public JobSink {
 public:
  explicit ConsoleSink(bool collect) : _collect(collect) {}
  void onStarted(int64_t pid, std::string_view ref) override {
    std::lock_guard<std::mutex> lock(_mutex);
    _pid = pid;
    _ref = ref;
  }
  void onOutput(int32_t stream, std::string_view bytes) override {
    if (_collect) {
      std::lock_guard<std::mutex> lock(_mutex);
      (stream == MFX_STREAM_STDOUT ? _out : _err).append(bytes);
    } else {
      writeAll(stream == MFX_STREAM_STDOUT ? STDOUT_FILENO : STDERR_FILENO, bytes);
    }
  }
  void onFinished(const JobResult&) override {}

  int64_t pid() const { std::lock_guard<std::mutex> l(_mutex); return _pid; }
  std::string ref() const { std::lock_guard<std::mutex> l(_mutex); return _ref; }
  std::string out() const { std::lock_guard<std::mutex> l(_mutex); return _out; }
  std::string err() const { std::lock_guard<std::mutex> l(_mutex); return _err; }

 private:
  const bool _collect;
  mutable std::mutex _mutex;
  int64_t _pid = -1;
  std::string _ref;
  std::string _out;
  std::string _err;
};

/// The shell's conventions: 124 timeout (timeout(1)), 127 cannot run,
/// 128+N killed by signal N, 130 cancelled (interrupted).
int exitStatusOf(const JobResult& r) {
  switch (r.outcome) {
    case MFX_EXIT_EXITED: return r.exitCode;
    case MFX_EXIT_SIGNALED: return 128 + r.termSignal;
    case MFX_EXIT_TIMED_OUT: return 124;
    case MFX_EXIT_CANCELLED: return 130;
    case MFX_EXIT_LAUNCH_FAILED: return 127;
    default: return 1;
  }
}

}  // namespace

void ExecutorRunCommand::defineOptions(Poco::Util::OptionSet& options) {
  using Poco::Util::Option;
  options.addOption(Option("executor", "", "Executor id (default: native).").argument("ID"));
  options.addOption(Option("env", "", "Environment variable of the job (repeatable). The job gets "
                                      "these and nothing else.")
                        .repeatable(true).argument("KEY=VALUE"));
  options.addOption(Option("secret", "", "Like --env, but flagged secret (repeatable).")
                        .repeatable(true).argument("KEY=VALUE"));
  options.addOption(Option("cwd", "", "Working directory of the job.").argument("DIR"));
  options.addOption(Option("timeout", "", "Stop the job after SECONDS (decimals allowed).")
                        .argument("SECONDS"));
  options.addOption(Option("options", "", "Executor-specific options as a JSON object.")
                        .argument("JSON"));
}

std::chrono::milliseconds ExecutorRunCommand::timeout() const {
  const auto text = value("timeout");
  if (!text) return std::chrono::milliseconds(0);
  double seconds = 0;
  if (!Poco::NumberParser::tryParseFloat(*text, seconds) || !(seconds > 0) || !std::isfinite(seconds))
    throw UsageException("--timeout: expected a positive number of seconds, got '" + *text + "'");
  return std::chrono::milliseconds(static_cast<int64_t>(std::ceil(seconds * 1000)));
}

int ExecutorRunCommand::run(CommandContext& context, const std::vector<std::string>& args) {
  if (args.empty()) throw UsageException("executor:run needs a program: executor:run [options] -- PROGRAM [ARG...]");
  JobRequest request;
  request.argv = args;
  for (const auto& item : values("env")) {
    auto [key, val] = keyValue("env", item);
    request.env.push_back(EnvEntry{key, val, false, false});
  }
  for (const auto& item : values("secret")) {
    auto [key, val] = keyValue("secret", item);
    request.env.push_back(EnvEntry{key, val, true, false});
  }
  request.workingDir = value("cwd").value_or("");
  request.timeout = timeout();
  request.optionsJson = value("options").value_or("");
  std::atomic<bool> stopRequested{false};
  StopSignals signals({SIGINT, SIGTERM});  // before the plugins start their threads
  signals.onStop([&](int) { stopRequested = true; });
  const ExecutorAdapter& executor = context.plugins().executor(value("executor").value_or("native"));

  const bool json = context.format() == OutputFormat::Json;
  ConsoleSink sink(json);
  std::unique_ptr<HostJob> job = executor.start(std::move(request), sink);
  std::optional<JobResult> result;
  bool cancelled = false;
  while (!(result = job->waitFor(std::chrono::milliseconds(100)))) {
    if (stopRequested && !cancelled) {
      job->cancel(std::chrono::seconds(5));
      cancelled = true;
    }
  }

  if (json) {
    Poco::JSON::Object doc(Poco::JSON_PRESERVE_KEY_ORDER);
    doc.set("executor", executor.id());
    doc.set("pid", sink.pid());
    doc.set("external_ref", sink.ref());
    doc.set("outcome", jobOutcomeName(result->outcome));
    doc.set("exit_code", result->exitCode);
    doc.set("signal", result->termSignal);
    doc.set("message", result->message);
    doc.set("stdout", sink.out());
    doc.set("stderr", sink.err());
    doc.stringify(context.out(), 2);
    context.out() << '\n';
  } else if (result->outcome != MFX_EXIT_EXITED) {
    std::cerr << "multiflexi: job " << jobOutcomeName(result->outcome)
              << (result->message.empty() ? "" : ": " + result->message) << '\n';
  }
  return exitStatusOf(*result);
}

}  // namespace MultiFlexi
