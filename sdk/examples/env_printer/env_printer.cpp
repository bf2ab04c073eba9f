// env-printer: an executor that does not start a process but prints the
// environment its job would get, one KEY=VALUE per line, sorted, with secret
// values masked. Useful to check what a run template hands to its jobs.
#include <multiflexi/mfx_plugin.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

class PrintedJob : public mfx::Job {
 public:
  void cancel(std::chrono::milliseconds) override {}  // finished before start() returned
};

class EnvPrinter : public mfx::Executor {
 public:
  std::unique_ptr<mfx::Job> start(const mfx::JobSpec& spec, mfx::JobEvents events) override {
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < spec.envCount(); ++i) {
      const mfx::EnvVar var = spec.env(i);
      std::string line(var.key);
      line += '=';
      line += var.secret ? std::string_view("********") : var.value;
      lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end());
    std::string text;
    for (const auto& line : lines) text += line + '\n';

    events.started(-1, "env-printer");
    events.out(text);
    events.finished(mfx::ExitInfo::exited(0));
    return std::make_unique<PrintedJob>();
  }
};

}  // namespace

MFX_PLUGIN("org.multiflexi.example.env-printer", "1.0.0",
           [](mfx::Registrar& registrar, const mfx::Host&) {
             registrar.executor("env-printer", "Environment printer",
                                "Prints the job's environment instead of running it",
                                std::make_unique<EnvPrinter>());
           })
