// credential-prototype:import-json, validate-json, list, get, export-json, delete.
#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace MultiFlexi {

std::vector<std::unique_ptr<Command>> credentialPrototypeCommands();

}  // namespace MultiFlexi
