// executor:run - runs one command through an executor plugin and streams its
// output: how an admin checks that an executor works on this machine.
#pragma once

#include "cli/Command.h"

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
  int run(CommandContext& context, const std::vector<std::string>& args) override;

 private:
  /// --timeout in milliseconds (0 = none), checked.
  std::chrono::milliseconds timeout() const;
};

}  // namespace MultiFlexi
