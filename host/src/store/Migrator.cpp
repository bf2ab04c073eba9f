#include "store/Migrator.h"

#include "common/Clock.h"
#include "common/Exceptions.h"
#include "store/Migrations.h"
#include "store/Transaction.h"

#include <Poco/Data/Statement.h>
#include <Poco/Logger.h>

namespace MultiFlexi {

using namespace Poco::Data::Keywords;

int Migrator::currentVersion(Poco::Data::Session& session) const {
  Poco::Nullable<int> version;
  session << "SELECT MAX(version) FROM schema_version", into(version), now;
  return version.isNull() ? 0 : version.value();
}

void Migrator::migrate() {
  const int latest = migrations().back().version;
  Poco::Data::Session session = _database.session();
  session << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
             "name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
      now;
  const int found = currentVersion(session);
  if (found > latest)
    throw StoreException("the database " + _database.location() + " has schema version " +
                         std::to_string(found) + ", newer than this binary knows (" +
                         std::to_string(latest) + "): upgrade multiflexi, or use another data directory");
  for (const Migration& m : migrations()) {
    if (m.version <= found) continue;
    Transaction tx(session, _database.dialect());
    if (currentVersion(session) >= m.version) continue;  // another process was faster
    for (const std::string& statement : m.statements) session << _database.dialect().ddl(statement), now;
    const Instant applied = nowMs();
    session << "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
        bind(m.version), bind(m.name), bind(applied), now;
    tx.commit();
    Poco::Logger::get("multiflexi.store").information("applied migration %d: %s", m.version, m.name);
  }
}

}  // namespace MultiFlexi
