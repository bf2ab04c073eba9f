// Files a job left behind, kept with the job. Their content is sealed at
// rest with the database's key ring (kind "job_artifact", bound to the
// job's company, the job and the file name); rows stored before artifacts
// were sealed (content_key_version NULL) are read as they are.
#pragma once

#include "domain/Artifact.h"
#include "common/Clock.h"
#include "store/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

class ArtifactRepository {
 public:
  /// The SealContext kind of artifact content (encryption:status counts it).
  static const char* const kSealKind;

  explicit ArtifactRepository(Database& database) : _db(database) {}

  /// Stores an artifact of an existing job in the caller's write
  /// transaction, its content (empty included) sealed with the current data
  /// key; returns its id. Throws EncryptionKeyException without a key ring.
  int64_t add(Poco::Data::Session& s, const Artifact& artifact);
  /// Artifacts without their content, newest first; of one job when given.
  std::vector<Artifact> list(std::optional<int64_t> jobId, int64_t limit, int64_t offset);
  /// One artifact with its content opened. Throws CryptoException naming
  /// the job and file (never the content) when it does not open: altered,
  /// moved to another job or company, or sealed with a retired key.
  std::optional<Artifact> findById(int64_t id);

 private:
  Database& _db;
};

}  // namespace MultiFlexi
