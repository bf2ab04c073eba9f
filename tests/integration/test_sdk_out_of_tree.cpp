// The SDK as a third party uses it: install it into an empty prefix, build
// the example plugin out of tree against that prefix only, load the result.
#define BOOST_TEST_MODULE sdk_out_of_tree
#include <boost/test/unit_test.hpp>

#include "ChildProcess.h"
#include "TempDir.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using MultiFlexi::Testing::ProcessResult;
namespace fs = std::filesystem;

namespace {

ProcessResult run(const std::string& program, const std::vector<std::string>& args) {
  ProcessResult r = MultiFlexi::Testing::run(program, args);
  BOOST_TEST_MESSAGE(program << " exited " << r.exitCode);
  return r;
}

using MultiFlexi::Testing::TempDir;

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

BOOST_AUTO_TEST_CASE(example_plugin_builds_against_the_installed_sdk_and_loads) {
  TempDir tmp;
  const fs::path prefix = tmp.path() / "prefix";
  const fs::path build = tmp.path() / "build";

  ProcessResult install = run(MFX_CMAKE, {"--install", MFX_BUILD_DIR, "--prefix", prefix.string(),
                                          "--component", "sdk"});
  BOOST_REQUIRE_MESSAGE(install.exitCode == 0, install.err);
  BOOST_TEST(fs::exists(prefix / "include/multiflexi/mfx_plugin.h"));
  BOOST_TEST(fs::exists(prefix / "include/multiflexi/mfx_plugin.hpp"));
  BOOST_TEST(fs::exists(prefix / "include/multiflexi/mfx_testing.hpp"));

  ProcessResult configure = run(MFX_CMAKE, {"-S", std::string(MFX_SOURCE_DIR) + "/sdk/examples/env_printer",
                                            "-B", build.string(), "-DCMAKE_PREFIX_PATH=" + prefix.string(),
                                            "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
                                            "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"});
  BOOST_REQUIRE_MESSAGE(configure.exitCode == 0, configure.out + configure.err);
  ProcessResult compile = run(MFX_CMAKE, {"--build", build.string()});
  BOOST_REQUIRE_MESSAGE(compile.exitCode == 0, compile.out + compile.err);

  // Built against the prefix only: its headers, never the source tree's.
  const std::string commands = slurp(build / "compile_commands.json");
  BOOST_TEST(commands.find((prefix / "include").string()) != std::string::npos);
  BOOST_TEST(commands.find(std::string(MFX_SOURCE_DIR) + "/sdk/include") == std::string::npos);
  BOOST_TEST(slurp(build / "CMakeCache.txt").find("MultiFlexiSDK_DIR:PATH=" + prefix.string()) !=
             std::string::npos);

  // The SDK's flags: only the two entry points are exported.
  const fs::path plugin = build / "mfx_env_printer.so";
  BOOST_REQUIRE(fs::exists(plugin));
  ProcessResult symbols = run("/usr/bin/nm", {"-D", "--defined-only", plugin.string()});
  BOOST_REQUIRE_EQUAL(symbols.exitCode, 0);
  BOOST_TEST(symbols.out.find(" T mfx_plugin_abi") != std::string::npos);
  BOOST_TEST(symbols.out.find(" T mfx_plugin_init") != std::string::npos);
  std::size_t lines = 0;
  for (char c : symbols.out) lines += c == '\n';
  BOOST_TEST(lines == 2u, "exported symbols:\n" << symbols.out);

  ProcessResult list = run(MFX_BINARY, {"plugin:list", "-f", "json", "--plugin-dir", build.string()});
  BOOST_REQUIRE_EQUAL(list.exitCode, 0);
  Poco::JSON::Parser parser;
  auto doc = parser.parse(list.out).extract<Poco::JSON::Object::Ptr>();
  auto entry = doc->getArray("plugins")->getObject(0);
  BOOST_TEST(entry->getValue<std::string>("status") == "loaded");
  BOOST_TEST(entry->getValue<std::string>("plugin_id") == "org.multiflexi.example.env-printer");

  ProcessResult job = run(MFX_BINARY, {"executor:run", "--plugin-dir", build.string(), "--executor",
                                       "env-printer", "--env", "B=2", "--env", "A=1", "--secret",
                                       "TOKEN=hunter2", "--", "ignored"});
  BOOST_TEST(job.exitCode == 0);
  BOOST_TEST(job.out == "A=1\nB=2\nTOKEN=********\n");
}
