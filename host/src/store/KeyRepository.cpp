#include "store/KeyRepository.h"

#include "common/Clock.h"
#include "common/Exceptions.h"
#include "crypto/KeyFile.h"
#include "store/Sql.h"
#include "store/Transaction.h"

namespace MultiFlexi::KeyRepository {

using Sql::value;

std::shared_ptr<KeyRing> loadRing(Database& database, const std::string& keyFile, Poco::Logger& log) {
  initSodium();
  Poco::Data::Session s = database.session();
  auto live = Sql::query(s, "SELECT version AS id FROM encryption_key WHERE state <> 'retired' ORDER BY version");
  std::optional<SecureBuffer> master;
  if (!KeyFile::exists(keyFile)) {
    if (live.rowCount() > 0)
      throw EncryptionKeyException("the database " + database.location() + " holds data sealed with key version(s) " +
                                   Sql::idList(live) + ", but the key file " + keyFile +
                                   " is missing: restore it from your backup, or set MULTIFLEXI_KEY_FILE to where it is");
    try {
      master = KeyFile::create(keyFile);
      log.warning("created the master key file %s: back it up apart from the database; without it no stored "
                  "credential can be read",
                  keyFile);
    } catch (const EncryptionKeyException&) {
      if (!KeyFile::exists(keyFile)) throw;
      master = KeyFile::read(keyFile);  // another process created it at the same moment
    }
  } else {
    master = KeyFile::read(keyFile);
  }
  auto ring = KeyRing::load(std::move(*master), keyFile, database.location(), [&database] {
    Poco::Data::Session session = database.session();
    return wrappedKeys(session);
  });
  inTransaction(database, [&](Poco::Data::Session& tx) {
    if (Sql::scalar(tx, "SELECT COUNT(*) FROM encryption_key WHERE state = 'current'") == 0) addVersion(tx, *ring);
  });
  return ring;
}

std::vector<WrappedKey> wrappedKeys(Poco::Data::Session& s) {
  auto rs = Sql::query(s, "SELECT version, wrapped FROM encryption_key WHERE state <> 'retired' ORDER BY version");
  std::vector<WrappedKey> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r)
    out.push_back({static_cast<int>(Sql::integer(rs, "version", r)), Sql::text(rs, "wrapped", r)});
  return out;
}

int addVersion(Poco::Data::Session& s, KeyRing& ring) {
  const int version = static_cast<int>(Sql::scalar(s, "SELECT COALESCE(MAX(version), 0) FROM encryption_key")) + 1;
  SecureBuffer key = KeyRing::newDataKey();
  Sql::execute(s, "UPDATE encryption_key SET state = 'previous' WHERE state = 'current'");
  Sql::execute(s, "INSERT INTO encryption_key (version, wrapped, state, created_at) VALUES (?, ?, 'current', ?)",
               {value(version), value(ring.wrap(key, version)), value(nowMs())});
  ring.adopt(version, std::move(key));
  return version;
}

void retire(Poco::Data::Session& s, KeyRing& ring, const std::vector<int>& versions) {
  for (int version : versions)
    Sql::execute(s,
                 "UPDATE encryption_key SET state = 'retired', wrapped = '', retired_at = ? WHERE version = ? AND "
                 "state = 'previous'",
                 {value(nowMs()), value(version)});
  ring.forget(versions);
}

int currentVersion(Poco::Data::Session& s) {
  auto rs = Sql::query(s, "SELECT version FROM encryption_key WHERE state = 'current'");
  if (rs.rowCount() != 1) throw EncryptionKeyException("the database has no current data key (run any command to create one)");
  return static_cast<int>(Sql::integer(rs, "version", 0));
}

std::vector<KeyVersionInfo> versions(Poco::Data::Session& s) {
  auto rs = Sql::query(s, "SELECT version, state, created_at, retired_at FROM encryption_key ORDER BY version");
  std::vector<KeyVersionInfo> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    KeyVersionInfo info;
    info.version = static_cast<int>(Sql::integer(rs, "version", r));
    info.state = Sql::text(rs, "state", r);
    info.createdAt = Sql::integer(rs, "created_at", r);
    info.retiredAt = Sql::optInteger(rs, "retired_at", r);
    out.push_back(info);
  }
  return out;
}

SealedValue sealCurrent(Poco::Data::Session& s, KeyRing& ring, std::string_view plaintext, const SealContext& context) {
  return ring.seal(currentVersion(s), plaintext, context);
}

}  // namespace MultiFlexi::KeyRepository
