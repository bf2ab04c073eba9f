// The schema's history: numbered migrations, applied in order, never edited
// once released (add a new one instead).
#pragma once

#include <string>
#include <vector>

namespace MultiFlexi {

struct Migration {
  int version;
  std::string name;
  std::vector<std::string> statements;  ///< portable DDL, see Dialect::ddl
};

/// Every migration, oldest first; versions are 1, 2, 3 ...
const std::vector<Migration>& migrations();

}  // namespace MultiFlexi
