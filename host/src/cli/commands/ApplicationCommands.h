// application:list, get, import-json, validate-json, export-json, delete.
#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace MultiFlexi {

std::vector<std::unique_ptr<Command>> applicationCommands();

}  // namespace MultiFlexi
