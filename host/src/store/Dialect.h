// What differs between the databases the store runs on. Repositories write
// portable SQL (? placeholders, RETURNING, ON CONFLICT, LIMIT/OFFSET); the
// dialect supplies the rest.
#pragma once

#include <Poco/Data/Session.h>

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
  /// Replaces the portable DDL tokens of a migration: {{ID}} (auto-increment
  /// primary key), {{BLOB}} (binary column).
  virtual std::string ddl(const std::string& portable) const = 0;
};

}  // namespace MultiFlexi
