#include "store/KeyRotation.h"

#include "common/Exceptions.h"
#include "store/Sql.h"
#include "store/Transaction.h"

namespace MultiFlexi {

using Sql::value;

namespace {

/// One place where sealed values live. Its queries name the columns
/// row_id, tenant, record, field, sealed, key_version.
struct SealedPlace {
  const char* kind;
  const char* select;  ///< rows not sealed with version ?, at most ? of them
  const char* update;  ///< value, version, row_id
  const char* count;   ///< key_version, n
  std::size_t batchCap = 0;  ///< at most this many per transaction (0: the caller's batch size)
};

const SealedPlace kPlaces[] = {
    {"credential",
     "SELECT v.id AS row_id, c.company_id AS tenant, v.credential_id AS record, v.keyword AS field, v.value AS sealed "
     "FROM credential_value v JOIN credential c ON c.id = v.credential_id "
     "WHERE v.key_version IS NOT NULL AND v.key_version <> ? ORDER BY v.id LIMIT ?",
     "UPDATE credential_value SET value = ?, key_version = ? WHERE id = ?",
     "SELECT key_version, COUNT(*) AS n FROM credential_value WHERE key_version IS NOT NULL GROUP BY key_version"},
    {"credential_type",
     "SELECT v.id AS row_id, t.company_id AS tenant, v.credential_type_id AS record, v.keyword AS field, "
     "v.value AS sealed FROM credential_type_setting v JOIN credential_type t ON t.id = v.credential_type_id "
     "WHERE v.key_version IS NOT NULL AND v.key_version <> ? ORDER BY v.id LIMIT ?",
     "UPDATE credential_type_setting SET value = ?, key_version = ? WHERE id = ?",
     "SELECT key_version, COUNT(*) AS n FROM credential_type_setting WHERE key_version IS NOT NULL "
     "GROUP BY key_version"},
    {"runtemplate_config",
     "SELECT v.id AS row_id, t.company_id AS tenant, v.runtemplate_id AS record, v.name AS field, v.value AS sealed "
     "FROM runtemplate_config v JOIN runtemplate t ON t.id = v.runtemplate_id "
     "WHERE v.key_version IS NOT NULL AND v.key_version <> ? ORDER BY v.id LIMIT ?",
     "UPDATE runtemplate_config SET value = ?, key_version = ? WHERE id = ?",
     "SELECT key_version, COUNT(*) AS n FROM runtemplate_config WHERE key_version IS NOT NULL GROUP BY key_version"},
    {"job_environment",
     "SELECT id AS row_id, company_id AS tenant, id AS record, 'environment' AS field, env_sealed AS sealed "
     "FROM job WHERE env_key_version IS NOT NULL AND env_key_version <> ? ORDER BY id LIMIT ?",
     "UPDATE job SET env_sealed = ?, env_key_version = ? WHERE id = ?",
     "SELECT env_key_version AS key_version, COUNT(*) AS n FROM job WHERE env_key_version IS NOT NULL "
     "GROUP BY env_key_version"},
    {"job_overrides",
     "SELECT id AS row_id, company_id AS tenant, id AS record, 'overrides' AS field, overrides_sealed AS sealed "
     "FROM job WHERE overrides_key_version IS NOT NULL AND overrides_key_version <> ? ORDER BY id LIMIT ?",
     "UPDATE job SET overrides_sealed = ?, overrides_key_version = ? WHERE id = ?",
     "SELECT overrides_key_version AS key_version, COUNT(*) AS n FROM job WHERE overrides_key_version IS NOT NULL "
     "GROUP BY overrides_key_version"},
    // Content up to the artifact limit each (64 MiB by default): few per transaction.
    {"job_artifact",
     "SELECT a.id AS row_id, j.company_id AS tenant, a.job_id AS record, a.filename AS field, "
     "CAST(a.content AS TEXT) AS sealed FROM artifact a JOIN job j ON j.id = a.job_id "
     "WHERE a.content_key_version IS NOT NULL AND a.content_key_version <> ? ORDER BY a.id LIMIT ?",
     "UPDATE artifact SET content = CAST(? AS BLOB), content_key_version = ? WHERE id = ?",
     "SELECT content_key_version AS key_version, COUNT(*) AS n FROM artifact WHERE content_key_version IS NOT NULL "
     "GROUP BY content_key_version",
     8},
};

/// Re-seals up to `batch` values of `place` not under the current key; returns how many.
int64_t resealBatch(Database& db, const SealedPlace& place, std::size_t batch) {
  KeyRing& ring = db.keyRing();
  return inTransaction(db, [&](Poco::Data::Session& s) {
    const int current = KeyRepository::currentVersion(s);
    auto rs = Sql::query(s, place.select, {value(current), value(static_cast<int64_t>(batch))});
    for (std::size_t r = 0; r < rs.rowCount(); ++r) {
      const SealContext context(place.kind, Sql::integer(rs, "tenant", r), Sql::integer(rs, "record", r),
                                Sql::text(rs, "field", r));
      std::string plain = ring.unseal(Sql::text(rs, "sealed", r), context);
      const SealedValue sealed = ring.seal(current, plain, context);
      wipe(plain);
      Sql::execute(s, place.update, {value(sealed.text), value(sealed.version), value(Sql::integer(rs, "row_id", r))});
    }
    return static_cast<int64_t>(rs.rowCount());
  });
}

std::map<std::string, std::map<int, int64_t>> countsIn(Poco::Data::Session& s) {
  std::map<std::string, std::map<int, int64_t>> out;
  for (const SealedPlace& place : kPlaces) {
    auto rs = Sql::query(s, place.count);
    for (std::size_t r = 0; r < rs.rowCount(); ++r)
      out[place.kind][static_cast<int>(Sql::integer(rs, "key_version", r))] = Sql::integer(rs, "n", r);
  }
  return out;
}

}  // namespace

std::map<std::string, std::map<int, int64_t>> sealedCounts(Database& database) {
  Poco::Data::Session s = database.session();
  return countsIn(s);
}

RotationReport rotateKeys(Database& database, std::size_t batchSize,
                          const std::function<void(const std::string&, int64_t)>& progress) {
  KeyRing& ring = database.keyRing();
  RotationReport report;
  inTransaction(database, [&](Poco::Data::Session& s) {
    report.resumed = Sql::scalar(s, "SELECT COUNT(*) FROM encryption_key WHERE state = 'previous'") > 0;
    if (!report.resumed) KeyRepository::addVersion(s, ring);
  });
  for (const SealedPlace& place : kPlaces) {
    int64_t done = 0;
    for (;;) {
      std::size_t batch = std::max<std::size_t>(batchSize, 1);
      if (place.batchCap > 0) batch = std::min(batch, place.batchCap);
      const int64_t n = resealBatch(database, place, batch);
      if (n == 0) break;
      done += n;
      if (progress) progress(place.kind, done);
    }
    report.resealed[place.kind] = done;
  }
  inTransaction(database, [&](Poco::Data::Session& s) {
    report.version = KeyRepository::currentVersion(s);
    // Writers seal with the current version inside their transactions, so
    // once no value refers to a previous version none will again.
    for (const auto& [kind, versions] : countsIn(s))
      for (const auto& [version, n] : versions)
        if (version != report.version && n > 0)
          throw CryptoException(std::to_string(n) + " " + kind + " value(s) are still sealed with key version " +
                                std::to_string(version) + "; run encryption:rotate again");
    auto previous = Sql::query(s, "SELECT version FROM encryption_key WHERE state = 'previous' ORDER BY version");
    for (std::size_t r = 0; r < previous.rowCount(); ++r)
      report.retired.push_back(static_cast<int>(Sql::integer(previous, "version", r)));
    KeyRepository::retire(s, ring, report.retired);
  });
  return report;
}

}  // namespace MultiFlexi
