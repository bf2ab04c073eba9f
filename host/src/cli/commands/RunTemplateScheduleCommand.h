// run-template:schedule - an ad-hoc run of a template, now or later, with
// one-off environment overrides; the template's schedule is not touched.
#pragma once

#include "cli/Command.h"

namespace MultiFlexi {

class RunTemplateScheduleCommand : public Command {
 public:
  std::string name() const override { return "run-template:schedule"; }
  std::string summary() const override { return "Run a template once, now or at a given time"; }
  void defineOptions(Poco::Util::OptionSet& options) override;
  int run(CommandContext& context, const std::vector<std::string>& args) override;
};

}  // namespace MultiFlexi
