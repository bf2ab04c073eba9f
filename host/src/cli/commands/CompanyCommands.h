// company:create, list, get, update, remove.
#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace MultiFlexi {

std::vector<std::unique_ptr<Command>> companyCommands();

}  // namespace MultiFlexi
