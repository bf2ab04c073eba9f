#include "executor/ArtifactCollector.h"

#include "executor/SecretMasker.h"

#include <Poco/String.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <system_error>
#include <utility>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace MultiFlexi {

namespace fs = std::filesystem;

namespace {

/// "${VAR}" -> "{VAR}" (MultiFlexi's macro form), then expanded.
std::string expandPath(const std::string& pattern, const JobEnvironment& environment) {
  static const std::regex shellVar(R"(\$\{([A-Za-z_][A-Za-z0-9_]*)\})");
  return environment.expand(std::regex_replace(pattern, shellVar, "{$1}"));
}

bool isMacroPath(const std::string& pattern) { return pattern.find('{') != std::string::npos; }

/// A file descriptor closed when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : _fd(fd) {}
  Fd(Fd&& other) noexcept : _fd(std::exchange(other._fd, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      _fd = std::exchange(other._fd, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return _fd; }
  bool valid() const { return _fd >= 0; }

 private:
  void reset() {
    if (_fd >= 0) ::close(_fd);
    _fd = -1;
  }
  int _fd;
};

std::string errorText(int error) { return std::error_code(error, std::generic_category()).message(); }

int openAt(int dir, const std::string& name, int flags) {
  int fd;
  do fd = ::openat(dir, name.c_str(), flags | O_NOFOLLOW | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  return fd;
}

/// `path` lexically made relative to `root` (or to `alias`, the same
/// directory as the job knows it); empty when it leads elsewhere.
fs::path relativeTo(const fs::path& path, const fs::path& root, const fs::path& alias) {
  fs::path normal = path.lexically_normal();
  if (normal.is_absolute()) {
    for (const fs::path& base : {root, alias}) {
      if (base.empty()) continue;
      const fs::path rel = normal.lexically_relative(base.lexically_normal());
      if (!rel.empty() && *rel.begin() != ".." && rel != ".") return rel;
    }
    return {};
  }
  if (normal.empty() || normal == "." || *normal.begin() == "..") return {};
  return normal;
}

class Collector {
 public:
  Collector(const std::string& workDir, int64_t limit, const JobEnvironment& environment)
      : _alias(workDir), _limit(limit), _masker(environment.secretValues()) {
    std::error_code ec;
    _root = fs::canonical(workDir, ec);  // the directories above are the daemon's own
    if (!ec) _rootFd = Fd(openAt(AT_FDCWD, _root.string(), O_RDONLY | O_DIRECTORY));
  }

  /// Takes the file at `path` (absolute or relative to the job directory),
  /// opened once without following any link and read from that descriptor.
  void take(const std::string& path, const std::string& note) {
    if (!_rootFd.valid()) return;
    const fs::path relative = relativeTo(path, _root, _alias);
    if (relative.empty()) return refuse(path, "is outside the job's working directory");
    const std::string name = relative.generic_string();
    if (_taken.count(name)) return;
    std::string refusal;
    Fd file = openBeneath(relative, refusal);
    if (!file.valid()) {
      if (!refusal.empty()) refuse(path, refusal);
      return;
    }
    struct stat st {};
    if (::fstat(file.get(), &st) != 0) return refuse(path, errorText(errno));
    if (!S_ISREG(st.st_mode)) return refuse(path, "is not a regular file");
    if (st.st_nlink != 1)
      return refuse(path, "has " + std::to_string(st.st_nlink) + " hard links (a file linked from elsewhere is not taken)");
    _taken.insert(name);
    const auto size = static_cast<int64_t>(st.st_size);
    if (_used + size > _limit) return refuse(name, overLimit(size));
    std::string content;
    if (!readAll(file.get(), _limit - _used, content)) {
      if (errno == EFBIG) return refuse(name, overLimit(static_cast<int64_t>(content.size())));
      return refuse(path, errorText(errno));
    }
    Artifact a;
    a.filename = name;
    a.contentType = contentTypeOf(name);
    a.note = note;
    _used += static_cast<int64_t>(content.size());
    a.content = isTextType(a.contentType) && !_masker.empty() ? _masker.mask(std::move(content)) : std::move(content);
    a.size = static_cast<int64_t>(a.content.size());
    _result.files.push_back(std::move(a));
  }

  /// Takes every regular file directly in the directory whose name matches.
  void takeMatching(const std::string& expression, const std::string& note) {
    if (!_rootFd.valid()) return;
    std::regex re;
    try {
      re = std::regex(expression, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      _result.notes.push_back("artifact pattern '" + expression + "' is not a valid regular expression: " + e.what());
      return;
    }
    std::vector<std::string> names;
    if (DIR* dir = ::fdopendir(::dup(_rootFd.get()))) {  // the directory opened, not its path again
      while (const dirent* entry = ::readdir(dir)) {
        const std::string name = entry->d_name;
        if (name != "." && name != "..") names.push_back(name);
      }
      ::closedir(dir);
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names)
      if (std::regex_search(name, re)) take(name, note);
  }

  CollectedArtifacts result() { return std::move(_result); }

 private:
  /// Opens `relative` below the job directory one component at a time,
  /// never following a link. Invalid when the job did not write it, or when
  /// it is refused (then `refusal` says why).
  Fd openBeneath(const fs::path& relative, std::string& refusal) const {
    Fd dir;
    int at = _rootFd.get();
    for (const fs::path& component : relative.parent_path()) {
      dir = Fd(openAt(at, component.string(), O_RDONLY | O_DIRECTORY));
      if (!dir.valid()) {
        if (errno == ELOOP) refusal = "leads through " + component.string() + ", a symbolic link";
        else if (errno == ENOTDIR) refusal = "leads through " + component.string() + ", which is not a directory";
        else if (errno != ENOENT) refusal = errorText(errno);
        return Fd();
      }
      at = dir.get();
    }
    // O_NONBLOCK: a FIFO opens at once (and is then refused), never waits for a writer.
    Fd file(openAt(at, relative.filename().string(), O_RDONLY | O_NONBLOCK | O_NOCTTY));
    if (!file.valid()) {
      if (errno == ELOOP) refusal = "is a symbolic link";
      else if (errno != ENOENT) refusal = errorText(errno);  // ENOENT: the job did not write it
    }
    return file;
  }

  /// Reads `fd` to its end into `out`; false with errno EFBIG when it holds
  /// more than `most` bytes (it grew after fstat), or errno of the failed read.
  static bool readAll(int fd, int64_t most, std::string& out) {
    char buffer[65536];
    for (;;) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return false;
      if (n == 0) return true;
      out.append(buffer, static_cast<std::size_t>(n));
      if (static_cast<int64_t>(out.size()) > most) {
        errno = EFBIG;
        return false;
      }
    }
  }

  std::string overLimit(int64_t size) const {
    return std::to_string(size) + " bytes would pass the artifact limit of " + std::to_string(_limit) +
           " bytes per job (MULTIFLEXI_ARTIFACT_LIMIT_MB)";
  }

  void refuse(const std::string& path, const std::string& why) {
    _result.notes.push_back("artifact " + path + " not collected: it " + why);
  }

  fs::path _root;
  const fs::path _alias;
  Fd _rootFd;
  const int64_t _limit;
  const SecretMasker _masker;
  int64_t _used = 0;
  std::set<std::string> _taken;
  CollectedArtifacts _result;
};

}  // namespace

CollectedArtifacts collectArtifacts(const std::string& workDir, const std::vector<ArtifactSpec>& specs,
                                    const JobEnvironment& environment, int64_t limitBytes) {
  Collector collector(workDir, limitBytes, environment);
  const auto& values = environment.values();
  if (auto it = values.find("RESULT_FILE"); it != values.end() && !it->second.value.empty())
    collector.take(it->second.value, "Result file from job execution: RESULT_FILE");
  for (const ArtifactSpec& spec : specs) {
    const std::string note = spec.path;
    if (isMacroPath(spec.path))
      collector.take(expandPath(spec.path, environment), "artifact " + note);
    else
      collector.takeMatching(spec.path, "artifact " + note);
  }
  return collector.result();
}

std::string resultFileName(const std::string& workDir, const JobEnvironment& environment) {
  const auto& values = environment.values();
  const auto it = values.find("RESULT_FILE");
  if (it == values.end() || it->second.value.empty() || it->second.value.find("://") != std::string::npos) return "";
  return relativeTo(it->second.value, workDir, {}).generic_string();
}

std::string contentTypeOf(const std::string& filename) {
  static const std::map<std::string, std::string> types = {
      {"json", "application/json"}, {"xml", "application/xml"},  {"csv", "text/csv"},
      {"txt", "text/plain"},        {"log", "text/plain"},       {"html", "text/html"},
      {"pdf", "application/pdf"},   {"zip", "application/zip"},  {"gz", "application/gzip"},
      {"png", "image/png"},         {"jpg", "image/jpeg"},       {"yaml", "application/yaml"},
      {"isdoc", "application/xml"}, {"gpc", "text/plain"},       {"abo", "text/plain"}};
  const auto dot = filename.rfind('.');
  if (dot == std::string::npos) return "application/octet-stream";
  const auto it = types.find(Poco::toLower(filename.substr(dot + 1)));
  return it == types.end() ? "application/octet-stream" : it->second;
}

bool isTextType(const std::string& contentType) {
  return contentType.rfind("text/", 0) == 0 || contentType == "application/json" ||
         contentType == "application/xml" || contentType == "application/yaml";
}

}  // namespace MultiFlexi
