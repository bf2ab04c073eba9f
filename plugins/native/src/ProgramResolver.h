// Finds the file a job's argv[0] names, the way execvp would, but with the
// job's own PATH rather than the host's.
#pragma once

#include <string>
#include <string_view>

namespace mfx::native {

/// Returns the path to execute for `program`. A name containing '/' is used
/// as it is; a bare name is searched in `searchPath` (colon-separated).
/// Throws mfx::NotFound when nothing matches and mfx::Denied when the only
/// match is not executable, naming the program and the path searched.
std::string resolveProgram(std::string_view program, std::string_view searchPath);

}  // namespace mfx::native
