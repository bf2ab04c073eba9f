// Paths into the real MultiFlexi data beside the project (../shared/fixtures).
// A missing fixtures directory fails the test with a message saying where
// it was looked for.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace MultiFlexi::Testing {

inline std::string fixture(const std::string& relative) {
  const std::filesystem::path root = MFX_FIXTURES_DIR;
  if (!std::filesystem::exists(root / "multiflexi" / "apps"))
    throw std::runtime_error("MultiFlexi fixtures not found at " + root.string() +
                             " (expected ../shared/fixtures beside the project)");
  return (root / relative).string();
}

inline std::string appsDir() { return fixture("multiflexi/apps"); }
/// MultiFlexi's real probe manifest (its command is adapted by the tests that run it).
inline std::string probeManifest() { return appsDir() + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json"; }
inline std::string applicationSchema() {
  return fixture("multiflexi/schemas/VitexSoftware__php-vitexsoftware-multiflexi-core__application.json");
}

}  // namespace MultiFlexi::Testing
