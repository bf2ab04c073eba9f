// Files a job left behind, kept with the job.
#pragma once

#include "common/Clock.h"
#include "store/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

struct Artifact {
  int64_t id = 0;
  int64_t jobId = 0;
  std::string filename;     ///< path relative to the job's working directory
  std::string contentType;  ///< MIME type
  int64_t size = 0;
  std::string content;      ///< empty in listings
  std::optional<std::string> note;
  Instant createdAt = 0;
};

class ArtifactRepository {
 public:
  explicit ArtifactRepository(Database& database) : _db(database) {}

  /// Stores an artifact in the caller's write transaction; returns its id.
  int64_t add(Poco::Data::Session& s, const Artifact& artifact);
  /// Artifacts without their content, newest first; of one job when given.
  std::vector<Artifact> list(std::optional<int64_t> jobId, int64_t limit, int64_t offset);
  /// One artifact with its content.
  std::optional<Artifact> findById(int64_t id);

 private:
  Database& _db;
};

}  // namespace MultiFlexi
