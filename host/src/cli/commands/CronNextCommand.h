// cron:next - the next fire times of a cron expression, so users can check
// an expression before saving it.
#pragma once

#include "cli/Command.h"

namespace MultiFlexi {

class CronNextCommand : public Command {
 public:
  std::string name() const override { return "cron:next"; }
  std::string summary() const override { return "Show when a cron expression fires next, in a time zone"; }
  std::string positionalUsage() const override { return "EXPRESSION"; }
  void defineOptions(Poco::Util::OptionSet& options) override;
  int run(CommandContext& context, const std::vector<std::string>& args) override;
};

}  // namespace MultiFlexi
