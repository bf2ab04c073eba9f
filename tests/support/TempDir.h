// A private temporary directory for one test, removed with everything in it.
#pragma once

#include <cstdlib>
#include <sys/stat.h>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace MultiFlexi::Testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mfx-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    _path = pattern;
    // Others may pass through, as through a data directory: jobs run as the
    // job user reach their own directory inside by path.
    ::chmod(pattern.c_str(), 0711);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return _path; }
  std::string file(const std::string& name) const { return (_path / name).string(); }

 private:
  std::filesystem::path _path;
};

}  // namespace MultiFlexi::Testing
