// One CLI command (`noun:verb`). The application defines the command's
// options next to the global ones, forwards option values to it, and runs it.
#pragma once

#include <Poco/Util/OptionSet.h>

#include <string>
#include <vector>

namespace MultiFlexi {

class CommandContext;

class Command {
 public:
  virtual ~Command() = default;

  /// "plugin:list".
  virtual std::string name() const = 0;
  /// One line for the command list.
  virtual std::string summary() const = 0;
  /// Positional arguments shown in --help, e.g. "-- PROGRAM [ARG...]".
  virtual std::string positionalUsage() const { return {}; }
  /// Adds the command's own options.
  virtual void defineOptions(Poco::Util::OptionSet& options) { (void)options; }
  /// Receives a value of one of the command's options. Throws
  /// UsageException naming the option when the value is bad.
  virtual void handleOption(const std::string& name, const std::string& value) {
    (void)name;
    (void)value;
  }
  /// Runs the command. args are the positional arguments after the command
  /// name. Returns the process exit code.
  virtual int run(CommandContext& context, const std::vector<std::string>& args) = 0;
};

}  // namespace MultiFlexi
