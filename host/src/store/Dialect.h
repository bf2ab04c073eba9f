// What differs between the databases the store runs on. Repositories write
// portable SQL (? placeholders, RETURNING, ON CONFLICT, LIMIT/OFFSET); the
// dialect supplies the rest.
#pragma once

#include <Poco/Data/Session.h>

#include <chrono>
#include <optional>
#include <string>

namespace MultiFlexi {

class Dialect {
 public:
  virtual ~Dialect() = default;
  /// "sqlite", "postgresql".
  virtual std::string name() const = 0;
  /// Called once for every new connection (pragmas, timeouts).
  virtual void configureSession(Poco::Data::Session& session) const = 0;
  /// Starts a transaction that will write: it takes the write lock at once,
  /// so two writers queue instead of failing on a lock upgrade.
  virtual std::string beginWrite() const = 0;
  /// True while `session` is inside a transaction. The database may have
  /// ended one on its own (SQLite rolls back on a full disk or an I/O
  /// error), so this asks the connection, not the SQL that was sent.
  virtual bool inTransaction(Poco::Data::Session& session) const = 0;
  /// How long `session` waits for another connection's lock before failing
  /// as busy; nothing restores the default of configureSession. Lets a
  /// daemon that must stop on time bound its waits.
  virtual void setLockWait(Poco::Data::Session& session, std::optional<std::chrono::milliseconds> wait) const = 0;
  /// Replaces the portable DDL tokens of a migration: {{ID}} (auto-increment
  /// primary key), {{BLOB}} (binary column).
  virtual std::string ddl(const std::string& portable) const = 0;
};

}  // namespace MultiFlexi
