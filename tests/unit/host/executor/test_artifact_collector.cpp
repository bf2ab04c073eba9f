// The artifact collector on a real directory: each file is opened once,
// without following links, and read from that descriptor, so a process the
// job left behind cannot swap a file for a link to a secret elsewhere;
// secrets in text artifacts are masked.
#include <boost/test/unit_test.hpp>

#include "TempDir.h"
#include "executor/ArtifactCollector.h"
#include "executor/SecretMasker.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;
namespace fs = std::filesystem;

namespace {

const std::string kSecret = "SHADOW-CANARY-4d1f0e";

struct CollectorFixture {
  TempDir dir;
  const fs::path jobDir = dir.path() / "job";
  const fs::path outside = dir.path() / "outside";

  CollectorFixture() {
    fs::create_directories(jobDir);
    fs::create_directories(outside);
    write(outside / "shadow", kSecret + "\n");
  }
  static void write(const fs::path& file, const std::string& content) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << content;
  }
  CollectedArtifacts collect(const std::string& resultFile, const std::vector<ArtifactSpec>& specs = {},
                             const std::map<std::string, std::string>& secrets = {}) const {
    JobEnvironment environment;
    for (const auto& [name, value] : secrets) environment.addCredential(name, value, true);
    environment.addInjected("RESULT_FILE", resultFile);
    return collectArtifacts(jobDir.string(), specs, environment, 1 << 20);
  }
  static std::string notes(const CollectedArtifacts& c) {
    std::string all;
    for (const auto& n : c.notes) all += n + "\n";
    return all;
  }
};

ArtifactSpec pattern(const std::string& path) {
  ArtifactSpec a;
  a.path = path;
  a.type = "file";
  return a;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(artifact_collector, CollectorFixture)

BOOST_AUTO_TEST_CASE(a_symbolic_link_is_refused) {
  fs::create_symlink(outside / "shadow", jobDir / "result.json");
  const CollectedArtifacts c = collect("result.json");
  BOOST_TEST(c.files.empty());
  BOOST_TEST(notes(c).find("artifact result.json not collected: it is a symbolic link") != std::string::npos, notes(c));
}

BOOST_AUTO_TEST_CASE(a_hard_link_to_a_file_outside_is_refused) {
  fs::create_hard_link(outside / "shadow", jobDir / "result.json");
  const CollectedArtifacts c = collect("result.json");
  BOOST_TEST(c.files.empty());
  BOOST_TEST(notes(c).find("artifact result.json not collected: it has 2 hard links") != std::string::npos, notes(c));
}

BOOST_AUTO_TEST_CASE(a_path_through_a_linked_directory_is_refused) {
  fs::create_directory_symlink(outside, jobDir / "out");
  fs::create_directories(jobDir / "real");
  write(jobDir / "real" / "inside.json", "{}");
  fs::create_directory_symlink(jobDir / "real", jobDir / "alias");
  for (const std::string& path : {std::string("out/shadow"), std::string("alias/inside.json"),
                                  (jobDir / "out" / "shadow").string()}) {
    const CollectedArtifacts c = collect(path);
    BOOST_TEST(c.files.empty(), path);
    BOOST_TEST(notes(c).find("not collected: it leads through") != std::string::npos, notes(c));
  }
}

BOOST_AUTO_TEST_CASE(files_in_subdirectories_and_absolute_paths_inside_are_taken) {
  fs::create_directories(jobDir / "out");
  write(jobDir / "out" / "report.csv", "a,b\n");
  write(jobDir / "empty.json", "");
  const CollectedArtifacts c = collect((jobDir / "out" / "report.csv").string(), {pattern("^empty\\.json$")});
  BOOST_REQUIRE_EQUAL(c.files.size(), 2u);
  BOOST_TEST(c.files[0].filename == "out/report.csv");
  BOOST_TEST(c.files[0].content == "a,b\n");
  BOOST_TEST(c.files[1].filename == "empty.json");
  BOOST_TEST(c.files[1].size == 0);
  const CollectedArtifacts escaped = collect("out/../../outside/shadow");
  BOOST_TEST(escaped.files.empty());
  BOOST_TEST(notes(escaped).find("is outside the job's working directory") != std::string::npos, notes(escaped));
}

BOOST_AUTO_TEST_CASE(a_fifo_is_refused_without_blocking) {
  BOOST_REQUIRE_EQUAL(::mkfifo((jobDir / "result.json").c_str(), 0600), 0);
  auto done = std::async(std::launch::async, [&] { return collect("result.json"); });
  const bool finished = done.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
  BOOST_TEST(finished, "collecting a FIFO blocked");
  if (!finished) ::close(::open((jobDir / "result.json").c_str(), O_WRONLY | O_NONBLOCK));  // unblock the reader
  const CollectedArtifacts c = done.get();
  BOOST_TEST(c.files.empty());
  BOOST_TEST(notes(c).find("result.json not collected: it is not a regular file") != std::string::npos, notes(c));
}

BOOST_AUTO_TEST_CASE(a_file_swapped_for_a_link_during_collection_never_yields_the_target) {
  // A process left behind by the job swaps result.json between a regular
  // file and a link to a secret outside, as fast as it can.
  std::atomic<bool> stop{false};
  std::atomic<int> swaps{0};
  write(jobDir / "result.json", "{}");
  fs::create_symlink(outside / "shadow", jobDir / "swap");
  std::thread swapper([&] {
    const std::string result = (jobDir / "result.json").string();
    const std::string swap = (jobDir / "swap").string();
    while (!stop)
      if (::renameat2(AT_FDCWD, result.c_str(), AT_FDCWD, swap.c_str(), RENAME_EXCHANGE) == 0) ++swaps;
  });
  while (swaps < 100) std::this_thread::yield();
  int taken = 0, refused = 0;
  std::string leaked;
  // 200 collections, more until both sides of the race were seen.
  for (int i = 0; i < 200 || ((taken == 0 || refused == 0) && i < 100000); ++i) {
    const CollectedArtifacts c = collect("result.json");
    for (const Artifact& a : c.files) {
      ++taken;
      if (a.content.find(kSecret) != std::string::npos) leaked = a.filename;
    }
    refused += static_cast<int>(c.notes.size());
  }
  stop = true;
  swapper.join();
  BOOST_TEST(leaked.empty(), "the secret was collected as " << leaked);
  BOOST_TEST((taken > 0 && refused > 0), "the race was not exercised: " << taken << " taken, " << refused << " refused");
  BOOST_TEST_MESSAGE("swapped result.json: " << taken << " taken, " << refused << " refused");
}

BOOST_AUTO_TEST_CASE(secrets_are_masked_in_text_artifacts_but_not_in_binary_ones) {
  write(jobDir / "result.json", "{\"token\":\"tok-9a8b7c6d\"}");
  write(jobDir / "dump.bin", "tok-9a8b7c6d");
  const CollectedArtifacts c = collect("result.json", {pattern("\\.bin$")}, {{"API_TOKEN", "tok-9a8b7c6d"}});
  BOOST_REQUIRE_EQUAL(c.files.size(), 2u);
  BOOST_TEST(c.files[0].content == std::string("{\"token\":\"") + SecretMasker::kMask + "\"}");
  BOOST_TEST(c.files[0].size == static_cast<int64_t>(c.files[0].content.size()));
  BOOST_TEST(c.files[1].filename == "dump.bin");
  BOOST_TEST(c.files[1].content == "tok-9a8b7c6d");
}

BOOST_AUTO_TEST_CASE(the_result_file_name_is_the_name_its_artifact_is_collected_under) {
  fs::create_directories(jobDir / "out");
  write(jobDir / "out" / "result.json", "{}");
  for (const std::string& given : {std::string("out/result.json"), (jobDir / "out" / "result.json").string(),
                                   std::string("./out/../out/result.json")}) {
    JobEnvironment environment;
    environment.addInjected("RESULT_FILE", given);
    BOOST_TEST(resultFileName(jobDir.string(), environment) == "out/result.json", given);
    const CollectedArtifacts c = collect(given);
    BOOST_REQUIRE_EQUAL(c.files.size(), 1u);
    BOOST_TEST(c.files[0].filename == "out/result.json");
  }
  for (const std::string& none : {std::string(), std::string("https://example.com/r.json"), std::string("../x"),
                                  (outside / "shadow").string()}) {
    JobEnvironment environment;
    environment.addInjected("RESULT_FILE", none);
    BOOST_TEST(resultFileName(jobDir.string(), environment).empty(), none);
  }
  BOOST_TEST(resultFileName(jobDir.string(), JobEnvironment()).empty());
}

BOOST_AUTO_TEST_SUITE_END()
