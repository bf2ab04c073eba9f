// A file a job left in its working directory, kept with the job.
#pragma once

#include "common/Clock.h"

#include <cstdint>
#include <optional>
#include <string>

namespace MultiFlexi {

struct Artifact {
  int64_t id = 0;
  int64_t jobId = 0;
  std::string filename;     ///< path relative to the job's working directory
  std::string contentType;  ///< MIME type
  int64_t size = 0;         ///< of the content (0 for an empty file)
  std::string content;      ///< empty in listings
  std::optional<std::string> note;
  Instant createdAt = 0;
};

}  // namespace MultiFlexi
