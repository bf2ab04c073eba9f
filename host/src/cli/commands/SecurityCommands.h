// encryption:status, encryption:rotate, audit:list.
#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace MultiFlexi {

std::vector<std::unique_ptr<Command>> securityCommands();

}  // namespace MultiFlexi
