// credential:create, update, list, get (--reveal, audited), remove.
#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace MultiFlexi {

std::vector<std::unique_ptr<Command>> credentialCommands();

}  // namespace MultiFlexi
