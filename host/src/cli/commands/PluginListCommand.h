// plugin:list - every plugin file found, loaded or refused, with its reason.
#pragma once

#include "cli/Command.h"

namespace MultiFlexi {

class PluginListCommand : public Command {
 public:
  std::string name() const override { return "plugin:list"; }
  std::string summary() const override {
    return "List plugin files: id, version, ABI, components, or why each was refused";
  }
  int run(CommandContext& context, const std::vector<std::string>& args) override;
};

}  // namespace MultiFlexi
