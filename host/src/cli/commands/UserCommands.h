// user:create, user:list, user:get, user:update, user:delete,
// user-company:assign, user-company:unassign, user-role:set,
// token:create, token:list, token:delete.
#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace MultiFlexi {

std::vector<std::unique_ptr<Command>> userCommands();

}  // namespace MultiFlexi
