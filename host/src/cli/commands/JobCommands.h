// job:list, job:get (with output, --follow), job:status, queue:list.
#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace MultiFlexi {

std::vector<std::unique_ptr<Command>> jobCommands();

}  // namespace MultiFlexi
