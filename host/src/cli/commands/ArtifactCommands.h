// artifact:list, artifact:get, artifact:save.
#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace MultiFlexi {

std::vector<std::unique_ptr<Command>> artifactCommands();

}  // namespace MultiFlexi
