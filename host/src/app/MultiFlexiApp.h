// The `multiflexi` command-line application: global options, one command
// per invocation (`multiflexi COMMAND [options] [args]`).
#pragma once

#include "cli/Command.h"
#include "cli/CommandContext.h"

#include <Poco/Util/Application.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace MultiFlexi {

class MultiFlexiApp : public Poco::Util::Application {
 public:
  /// Exit codes besides the commands' own (sysexits.h values).
  enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 64, ExitInternal = 70 };

  MultiFlexiApp();

  /// Registers a command; the application owns it.
  void addCommand(std::unique_ptr<Command> command);

  /// Picks the command named on the command line, so that its options are
  /// defined when init() processes them. Call before init(argc, argv).
  void selectCommand(int argc, char** argv);

 protected:
  void initialize(Poco::Util::Application& self) override;
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  int main(const std::vector<std::string>& args) override;

 private:
  int dispatch(const std::vector<std::string>& args);
  Command* findCommand(const std::string& name) const;
  std::vector<std::string> pluginDirs() const;
  void printHelp(const Command* command) const;
  void setupLogging();
  /// Puts the env file's values into the configuration (see Settings).
  void loadEnvFile();

  std::map<std::string, std::unique_ptr<Command>> _commands;
  Command* _command = nullptr;
  bool _helpRequested = false;
  bool _versionRequested = false;
  int _verbosity = 0;
  OutputFormat _format = OutputFormat::Text;
  std::vector<std::string> _pluginDirOptions;
  std::string _envFile;
};

}  // namespace MultiFlexi
