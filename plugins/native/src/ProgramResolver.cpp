#include "ProgramResolver.h"

#include <multiflexi/mfx_plugin.hpp>

#include <sys/stat.h>
#include <unistd.h>

namespace mfx::native {

namespace {

enum class Probe { Missing, NotExecutable, Executable };

Probe probe(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) return Probe::Missing;
  return ::access(path.c_str(), X_OK) == 0 ? Probe::Executable : Probe::NotExecutable;
}

}  // namespace

std::string resolveProgram(std::string_view program, std::string_view searchPath) {
  if (program.empty()) throw Invalid("the job's argv[0] (program) is empty");
  if (program.find('/') != std::string_view::npos) {
    const std::string path(program);
    switch (probe(path)) {
      case Probe::Executable: return path;
      case Probe::NotExecutable: throw Denied("program '" + path + "' is not executable");
      case Probe::Missing: throw NotFound("program '" + path + "' does not exist");
    }
  }
  bool sawNotExecutable = false;
  std::size_t begin = 0;
  while (begin <= searchPath.size()) {
    std::size_t end = searchPath.find(':', begin);
    if (end == std::string_view::npos) end = searchPath.size();
    std::string dir(searchPath.substr(begin, end - begin));
    if (dir.empty()) dir = ".";  // POSIX: an empty PATH entry is the working directory
    const std::string candidate = dir + "/" + std::string(program);
    const Probe p = probe(candidate);
    if (p == Probe::Executable) return candidate;
    sawNotExecutable = sawNotExecutable || p == Probe::NotExecutable;
    begin = end + 1;
  }
  const std::string where = " in PATH=" + std::string(searchPath);
  if (sawNotExecutable) throw Denied("program '" + std::string(program) + "' is not executable" + where);
  throw NotFound("program '" + std::string(program) + "' not found" + where);
}

}  // namespace mfx::native
