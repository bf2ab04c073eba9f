#include "store/SqliteDialect.h"

#include <Poco/String.h>

namespace MultiFlexi {

using namespace Poco::Data::Keywords;

void SqliteDialect::configureSession(Poco::Data::Session& session) const {
  std::string mode;
  session << "PRAGMA busy_timeout = " + std::to_string(_busyTimeoutMs), now;
  session << "PRAGMA journal_mode = WAL", into(mode), now;
  session << "PRAGMA synchronous = FULL", now;  // a commit survives power loss
  session << "PRAGMA foreign_keys = ON", now;
}

std::string SqliteDialect::ddl(const std::string& portable) const {
  std::string sql = Poco::replace(portable, std::string("{{ID}}"),
                                  std::string("INTEGER PRIMARY KEY AUTOINCREMENT"));
  return Poco::replace(sql, std::string("{{BLOB}}"), std::string("BLOB"));
}

}  // namespace MultiFlexi
