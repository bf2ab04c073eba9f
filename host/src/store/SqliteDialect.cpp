#include "store/SqliteDialect.h"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/String.h>

#include <algorithm>

#include <sqlite3.h>

namespace MultiFlexi {

using namespace Poco::Data::Keywords;

void SqliteDialect::configureSession(Poco::Data::Session& session) const {
  std::string mode;
  session << "PRAGMA busy_timeout = " + std::to_string(_busyTimeoutMs), now;
  session << "PRAGMA journal_mode = WAL", into(mode), now;
  session << "PRAGMA synchronous = FULL", now;  // a commit survives power loss
  session << "PRAGMA foreign_keys = ON", now;
}

bool SqliteDialect::inTransaction(Poco::Data::Session& session) const {
  sqlite3* handle = Poco::Data::SQLite::Utility::dbHandle(session);
  return handle != nullptr && sqlite3_get_autocommit(handle) == 0;
}

void SqliteDialect::setLockWait(Poco::Data::Session& session, std::optional<std::chrono::milliseconds> wait) const {
  const auto ms = wait ? std::max<int64_t>(wait->count(), 0) : _busyTimeoutMs;
  session << "PRAGMA busy_timeout = " + std::to_string(ms), now;
}

std::string SqliteDialect::ddl(const std::string& portable) const {
  std::string sql = Poco::replace(portable, std::string("{{ID}}"),
                                  std::string("INTEGER PRIMARY KEY AUTOINCREMENT"));
  return Poco::replace(sql, std::string("{{BLOB}}"), std::string("BLOB"));
}

}  // namespace MultiFlexi
