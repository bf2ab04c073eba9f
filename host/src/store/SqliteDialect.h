// SQLite, the embedded default: WAL, foreign keys, a busy timeout.
#pragma once

#include "store/Dialect.h"

namespace MultiFlexi {

class SqliteDialect : public Dialect {
 public:
  /// busyTimeoutMs: how long a connection waits for another's write lock.
  explicit SqliteDialect(int busyTimeoutMs = 30000) : _busyTimeoutMs(busyTimeoutMs) {}
  std::string name() const override { return "sqlite"; }
  void configureSession(Poco::Data::Session& session) const override;
  std::string beginWrite() const override { return "BEGIN IMMEDIATE"; }
  bool inTransaction(Poco::Data::Session& session) const override;
  void setLockWait(Poco::Data::Session& session, std::optional<std::chrono::milliseconds> wait) const override;
  std::string ddl(const std::string& portable) const override;

 private:
  int _busyTimeoutMs;
};

}  // namespace MultiFlexi
