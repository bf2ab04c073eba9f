// Collects a finished job's artifacts from its working directory: the files
// the manifest's `artifacts` patterns name and RESULT_FILE, within a size
// limit, never from outside the directory.
#pragma once

#include "domain/Application.h"
#include "domain/JobEnvironment.h"
#include "store/ArtifactRepository.h"

#include <string>
#include <vector>

namespace MultiFlexi {

struct CollectedArtifacts {
  std::vector<Artifact> files;     ///< job id not set
  std::vector<std::string> notes;  ///< files left out, and why
};

/// An artifact pattern is either a file name with {VAR} or ${VAR} macros
/// (resolved in the job's environment, relative to `workDir`), or, as in
/// MultiFlexi, a regular expression searched in the names of the files
/// directly in `workDir`. RESULT_FILE, when the job has one, is collected
/// too. Only regular files inside `workDir` are taken (a symbolic link or a
/// path leading out is refused with a note); files beyond `limitBytes` in
/// total are left out with a note.
CollectedArtifacts collectArtifacts(const std::string& workDir, const std::vector<ArtifactSpec>& specs,
                                    const JobEnvironment& environment, int64_t limitBytes);

/// A MIME type guessed from the file name's extension.
std::string contentTypeOf(const std::string& filename);

}  // namespace MultiFlexi
