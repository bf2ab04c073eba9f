// run-template:assign-credential, unassign-credential, list-credentials.
#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

namespace MultiFlexi {

std::vector<std::unique_ptr<Command>> runTemplateCredentialCommands();

}  // namespace MultiFlexi
