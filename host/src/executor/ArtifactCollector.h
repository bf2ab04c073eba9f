// Collects a finished job's artifacts from its working directory: the files
// the manifest's `artifacts` patterns name and RESULT_FILE, within a size
// limit, never from outside the directory, with the job's secrets masked in
// text files.
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
/// too; an absolute path must lie inside `workDir`.
///
/// Safe against the job (and anything it left running) changing the
/// directory meanwhile: each file is opened once, relative to a descriptor
/// of `workDir`, one path component at a time without following links, and
/// checked and read through that descriptor only. Taken are regular files
/// with no other hard link; a symbolic link, a path through one, a path
/// leading out, a hard-linked file, a FIFO or a device is refused with a
/// note; never blocks. Files beyond `limitBytes` in total are left out with
/// a note. Text files (isTextType) are stored with `environment`'s secret
/// values masked; binary files as they are.
CollectedArtifacts collectArtifacts(const std::string& workDir, const std::vector<ArtifactSpec>& specs,
                                    const JobEnvironment& environment, int64_t limitBytes);

/// The name collectArtifacts gives the job's RESULT_FILE (relative to
/// `workDir`, as the job knows the directory); empty when the job has none,
/// it names a URL, or it lies outside `workDir`. Lexical: touches no file.
std::string resultFileName(const std::string& workDir, const JobEnvironment& environment);

/// A MIME type guessed from the file name's extension.
std::string contentTypeOf(const std::string& filename);
/// True for the types shown as text and masked: text/*, JSON, XML, YAML.
bool isTextType(const std::string& contentType);

}  // namespace MultiFlexi
