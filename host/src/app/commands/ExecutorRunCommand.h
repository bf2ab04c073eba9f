// executor:run - runs one command through an executor plugin and streams its
// output: how an admin checks that an executor works on this machine.
#pragma once

#include "app/Command.h"

#include <chrono>

namespace MultiFlexi {

class ExecutorRunCommand : public Command {
 public:
  std::string name() const override { return "executor:run"; }
  std::string summary() const override {
    return "Run a command through an executor plugin with exactly the given environment";
  }
  std::string positionalUsage() const override { return "-- PROGRAM [ARG...]"; }
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  int run(CommandContext& context, const std::vector<std::string>& args) override;

 private:
  std::string _executor = "native";
  std::vector<std::pair<std::string, std::string>> _env;
  std::vector<std::string> _secretKeys;
  std::string _workingDir;
  std::chrono::milliseconds _timeout{0};
  std::string _optionsJson;
};

}  // namespace MultiFlexi
