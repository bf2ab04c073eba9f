#include "executor/ArtifactCollector.h"

#include <Poco/String.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

namespace MultiFlexi {

namespace fs = std::filesystem;

namespace {

/// "${VAR}" -> "{VAR}" (MultiFlexi's macro form), then expanded.
std::string expandPath(const std::string& pattern, const JobEnvironment& environment) {
  static const std::regex shellVar(R"(\$\{([A-Za-z_][A-Za-z0-9_]*)\})");
  return environment.expand(std::regex_replace(pattern, shellVar, "{$1}"));
}

bool isMacroPath(const std::string& pattern) { return pattern.find('{') != std::string::npos; }

class Collector {
 public:
  Collector(const std::string& workDir, int64_t limit) : _limit(limit) {
    std::error_code ec;
    _root = fs::canonical(workDir, ec);
  }

  /// Takes the file at `path` (absolute or relative to the job directory).
  void take(const std::string& path, const std::string& note) {
    if (_root.empty()) return;
    const fs::path candidate = fs::path(path).is_absolute() ? fs::path(path) : _root / path;
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(candidate, ec);
    if (ec || !fs::exists(status)) return;  // the job did not write it
    if (fs::is_symlink(status)) return refuse(path, "is a symbolic link");
    const fs::path real = fs::canonical(candidate, ec);
    const std::string inside = _root.string() + "/";
    if (ec || real.string().compare(0, inside.size(), inside) != 0)
      return refuse(path, "is outside the job's working directory");
    if (!fs::is_regular_file(status)) return refuse(path, "is not a regular file");
    const std::string relative = real.string().substr(inside.size());
    if (!_taken.insert(relative).second) return;
    const auto size = static_cast<int64_t>(fs::file_size(real, ec));
    if (ec) return refuse(path, ec.message());
    if (_used + size > _limit)
      return refuse(relative, std::to_string(size) + " bytes would pass the artifact limit of " +
                                  std::to_string(_limit) + " bytes per job (MULTIFLEXI_ARTIFACT_LIMIT_MB)");
    Artifact a;
    a.filename = relative;
    a.contentType = contentTypeOf(relative);
    a.note = note;
    std::ifstream in(real, std::ios::binary);
    a.content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    a.size = static_cast<int64_t>(a.content.size());
    _used += a.size;
    _result.files.push_back(std::move(a));
  }

  /// Takes every regular file directly in the directory whose name matches.
  void takeMatching(const std::string& expression, const std::string& note) {
    std::regex re;
    try {
      re = std::regex(expression, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      _result.notes.push_back("artifact pattern '" + expression + "' is not a valid regular expression: " + e.what());
      return;
    }
    std::error_code ec;
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(_root, ec)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const auto& name : names)
      if (std::regex_search(name, re)) take(name, note);
  }

  CollectedArtifacts result() { return std::move(_result); }

 private:
  void refuse(const std::string& path, const std::string& why) {
    _result.notes.push_back("artifact " + path + " not collected: it " + why);
  }

  fs::path _root;
  const int64_t _limit;
  int64_t _used = 0;
  std::set<std::string> _taken;
  CollectedArtifacts _result;
};

}  // namespace

CollectedArtifacts collectArtifacts(const std::string& workDir, const std::vector<ArtifactSpec>& specs,
                                    const JobEnvironment& environment, int64_t limitBytes) {
  Collector collector(workDir, limitBytes);
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

}  // namespace MultiFlexi
