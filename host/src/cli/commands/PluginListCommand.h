// plugin:list - every plugin file found, loaded or refused, with its reason;
// for each monitor, the events the daemons of the data directory delivered,
// dropped and saw fail (monitor/MonitorStatsFile.h).
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
