// run-template:create, list, get, update, delete.
#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace MultiFlexi {

std::vector<std::unique_ptr<Command>> runTemplateCommands();

}  // namespace MultiFlexi
