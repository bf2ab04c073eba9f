// scheduler, executor and up (both in one process): the daemons.
#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace MultiFlexi {

std::vector<std::unique_ptr<Command>> daemonCommands();

}  // namespace MultiFlexi
