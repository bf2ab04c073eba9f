// The store's connection: a session pool that configures every connection
// through the dialect, and the schema brought up to date on open.
#pragma once

#include "store/Dialect.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <memory>
#include <string>

namespace MultiFlexi {

class KeyRing;

class Database {
 public:
  /// Opens the SQLite database at `path` (creating it, and its directory
  /// unless `create` is false), then applies pending migrations. Throws
  /// StoreException when the database is newer than this binary or cannot
  /// be opened, and, without `create`, "data directory D does not exist
  /// (...)" before touching the file system. (A directory that exists, e.g.
  /// made by a package, gets its database either way.)
  static std::unique_ptr<Database> openSqlite(const std::string& path, bool create = true);

  Database(std::string connector, std::string connectionString, std::unique_ptr<Dialect> dialect);
  ~Database();

  /// Connections the pool holds at most; session() throws beyond them.
  static constexpr int kMaxSessions = 64;

  /// A connection from the pool; returned to the pool when destroyed.
  Poco::Data::Session session();
  const Dialect& dialect() const { return *_dialect; }
  /// The newest migration applied.
  int schemaVersion();
  const std::string& location() const { return _connectionString; }

  /// Attaches the key ring that seals and opens secret values.
  void attachKeyRing(std::shared_ptr<KeyRing> ring) { _keyRing = std::move(ring); }
  /// The attached key ring. Throws EncryptionKeyException when there is
  /// none (a secret cannot be stored or read without the master key).
  KeyRing& keyRing() const;

 private:
  class Pool;
  std::string _connectionString;
  std::unique_ptr<Dialect> _dialect;
  std::unique_ptr<Pool> _pool;
  std::shared_ptr<KeyRing> _keyRing;
};

}  // namespace MultiFlexi
