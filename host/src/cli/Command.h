// One CLI command (`noun:verb`). The application defines the command's
// options next to the global ones, forwards option values to it, and runs it.
#pragma once

#include <Poco/Util/OptionSet.h>

#include <cstdint>
#include <map>
#include <optional>
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
  /// Receives a value of one of the command's options. The default keeps
  /// it for the accessors below.
  virtual void handleOption(const std::string& name, const std::string& value) {
    _values[name].push_back(value);
  }
  /// Runs the command. args are the positional arguments after the command
  /// name. Returns the process exit code.
  virtual int run(CommandContext& context, const std::vector<std::string>& args) = 0;
  /// Whether the command only reads the store, so that a store that does
  /// not exist is refused rather than created. The default goes by the
  /// name: the verbs list, get, status, export-json, list-credentials and
  /// every artifact command.
  virtual bool onlyReads() const;

 protected:
  /// Declares an option that takes a value; `repeatable` for lists.
  static void addOption(Poco::Util::OptionSet& options, const std::string& name,
                        const std::string& argument, const std::string& description,
                        bool repeatable = false);
  /// Whether the option was given.
  bool has(const std::string& name) const { return _values.count(name) > 0; }
  /// The option's value (the last one, when repeated).
  std::optional<std::string> value(const std::string& name) const;
  /// Every value of a repeatable option, in order.
  std::vector<std::string> values(const std::string& name) const;
  /// The value, or UsageException "--name is required".
  std::string required(const std::string& name) const;
  /// A whole number, or UsageException "--name: expected a whole number, got 'x'".
  std::optional<int64_t> integer(const std::string& name) const;
  /// A whole number that must be given.
  int64_t requiredInteger(const std::string& name) const;
  /// 1/0, true/false, yes/no, on/off; UsageException otherwise.
  std::optional<bool> flag(const std::string& name) const;
  /// KEY=VALUE pairs of a repeatable option.
  std::map<std::string, std::string> pairs(const std::string& name) const;
  /// One KEY=VALUE item of option `name`, or UsageException naming it.
  static std::pair<std::string, std::string> keyValue(const std::string& name, const std::string& item);
  /// UsageException when the command got positional arguments it does not take.
  void requireNoArguments(const std::vector<std::string>& args) const;
  /// --limit and --offset (defaults 100 and 0), checked.
  int64_t limit() const;
  int64_t offset() const;

 private:
  std::map<std::string, std::vector<std::string>> _values;
};

}  // namespace MultiFlexi
