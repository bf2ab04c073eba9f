#include "store/Database.h"

#include "common/Exceptions.h"
#include "store/Migrator.h"
#include "store/SqliteDialect.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/File.h>

#include <filesystem>
#include <mutex>

namespace MultiFlexi {

/// SessionPool that hands every new connection to the dialect first.
class Database::Pool : public Poco::Data::SessionPool {
 public:
  Pool(const std::string& connector, const std::string& connection, const Dialect& dialect)
      : Poco::Data::SessionPool(connector, connection, 1, kMaxSessions, 60), _dialect(dialect) {}

 protected:
  void customizeSession(Poco::Data::Session& session) override { _dialect.configureSession(session); }

 private:
  const Dialect& _dialect;
};

std::unique_ptr<Database> Database::openSqlite(const std::string& path, bool create) {
  static std::once_flag registered;
  std::call_once(registered, [] { Poco::Data::SQLite::Connector::registerConnector(); });
  const std::string dir = std::filesystem::path(path).parent_path().string();
  if (!create && !dir.empty() && !Poco::File(dir).exists())
    throw StoreException("data directory " + dir +
                         " does not exist (run a command that writes, e.g. application:import-json or "
                         "multiflexi up, to create it)");
  try {
    if (!dir.empty()) Poco::File(dir).createDirectories();
  } catch (const Poco::Exception& e) {
    throw StoreException("cannot create the data directory for " + path + ": " + e.message());
  }
  auto db = std::make_unique<Database>("SQLite", path, std::make_unique<SqliteDialect>());
  Migrator(*db).migrate();
  return db;
}

Database::Database(std::string connector, std::string connectionString, std::unique_ptr<Dialect> dialect)
    : _connectionString(std::move(connectionString)), _dialect(std::move(dialect)) {
  try {
    _pool = std::make_unique<Pool>(connector, _connectionString, *_dialect);
    session();  // open one connection now: a bad location fails here, clearly
  } catch (const Poco::Exception& e) {
    throw StoreException("cannot open the database " + _connectionString + ": " + e.displayText());
  }
}

Database::~Database() = default;

Poco::Data::Session Database::session() { return _pool->get(); }

KeyRing& Database::keyRing() const {
  if (!_keyRing)
    throw EncryptionKeyException("no master key is loaded for " + _connectionString +
                                 ": secret values can be neither sealed nor opened");
  return *_keyRing;
}

int Database::schemaVersion() {
  Poco::Data::Session s = session();
  return Migrator(*this).currentVersion(s);
}

}  // namespace MultiFlexi
