// Applies pending migrations at start-up, each in a transaction of its own,
// and records them in schema_version.
#pragma once

#include "store/Database.h"

namespace MultiFlexi {

class Migrator {
 public:
  explicit Migrator(Database& database) : _database(database) {}

  /// Brings the schema up to date. Safe when several processes start at
  /// once (each migration re-checks the version under the write lock).
  /// Throws StoreException when the database is newer than this binary.
  void migrate();
  /// The newest applied migration, 0 for an empty database.
  int currentVersion(Poco::Data::Session& session) const;

 private:
  Database& _database;
};

}  // namespace MultiFlexi
