// Loading real plugin files: the good ones load, every zoo plugin is refused
// with its own reason, and the host keeps working with the good ones.
#define BOOST_TEST_MODULE plugin_host
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "plugin/PluginRegistry.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/MapConfiguration.h>

#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

using namespace MultiFlexi;
using namespace std::chrono_literals;

namespace {

const std::string kPluginDir = MFX_PLUGIN_DIR;
const std::string kZooDir = MFX_ZOO_DIR;

/// Collects one job's events.
class RecordingSink : public JobSink {
 public:
  void onStarted(int64_t pid, std::string_view) override { pid_ = pid; }
  void onOutput(int32_t stream, std::string_view bytes) override {
    std::lock_guard<std::mutex> lock(mutex_);
    (stream == MFX_STREAM_STDOUT ? out_ : err_).append(bytes);
  }
  void onFinished(const JobResult&) override { ++finished_; }
  std::string out() { std::lock_guard<std::mutex> lock(mutex_); return out_; }
  int64_t pid_ = -1;
  int finished_ = 0;

 private:
  std::mutex mutex_;
  std::string out_;
  std::string err_;
};

struct RegistryFixture {
  Poco::AutoPtr<Poco::Util::MapConfiguration> config{new Poco::Util::MapConfiguration};
  PluginRegistry registry{*config};

  const PluginRecord& record(const std::string& fileName) {
    for (const auto& r : registry.records())
      if (std::filesystem::path(r.path).filename() == fileName) return r;
    BOOST_FAIL("no record for " << fileName);
    throw std::logic_error("unreachable");
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(registry, RegistryFixture)

BOOST_AUTO_TEST_CASE(loads_the_native_plugin_with_its_identity) {
  registry.loadDirectory(kPluginDir);
  const PluginRecord& native = record("mfx_native.so");
  BOOST_TEST(native.loaded());
  BOOST_TEST(native.pluginId == "org.multiflexi.native");
  BOOST_TEST(native.abiMajor == 1);
  BOOST_TEST(native.abiMinor == MFX_ABI_MINOR);  // built with this SDK
  BOOST_REQUIRE_EQUAL(native.components.size(), 1u);
  BOOST_TEST(native.components[0].kind == "executor");
  BOOST_TEST(native.components[0].id == "native");
  BOOST_TEST(registry.executor("native").pluginId() == "org.multiflexi.native");
}

BOOST_AUTO_TEST_CASE(every_zoo_plugin_is_refused_with_its_own_reason_and_the_host_carries_on) {
  registry.loadDirectory(kPluginDir);
  registry.loadDirectory(kZooDir);
  const std::map<std::string, std::string> expected = {
      {"mfx_zoo_no_stamp.so", "no ABI stamp: the file does not export mfx_plugin_abi"},
      {"mfx_zoo_bad_magic.so", "bad ABI magic 0xDEADBEEF (expected 0x5058464D"},
      {"mfx_zoo_major_2.so", "incompatible ABI: built for 2.0, this host implements 1.1"},
      {"mfx_zoo_init_fails.so", "mfx_plugin_init failed with MFX_E_UNAVAILABLE: licence server unreachable"},
      {"mfx_zoo_init_throws.so",
       "mfx_plugin_init failed with MFX_E_INTERNAL: configuration file /etc/zoo.conf is missing"},
      {"mfx_zoo_registers_outside_init.so", "register_executor called outside mfx_plugin_init"},
      {"mfx_zoo_duplicate_id.so", "duplicate executor id 'zoo-twice' in this plugin"},
      {"mfx_zoo_duplicate_native.so",
       "executor id 'native' is already registered by org.multiflexi.native ("},
      {"mfx_zoo_missing_member.so", "executor 'zoo-no-start': required member 'start' is NULL"},
      {"mfx_zoo_missing_dependency.so",
       "cannot be loaded: libmfx_zoo_dep.so: cannot open shared object file"},
  };
  for (const auto& [file, reason] : expected) {
    BOOST_TEST_CONTEXT(file) {
      const PluginRecord& r = record(file);
      BOOST_TEST(!r.loaded());
      BOOST_TEST(r.reason.find(reason) != std::string::npos, "reason was: " << r.reason);
      BOOST_TEST(r.components.empty());
    }
  }
  // Distinct messages: no two refusals read the same.
  std::set<std::string> reasons;
  for (const auto& r : registry.records())
    if (!r.loaded()) reasons.insert(r.reason);
  BOOST_TEST(reasons.size() == expected.size());

  // Nothing of a refused plugin is reachable, and the good plugins still work.
  BOOST_CHECK_THROW(registry.executor("zoo-twice"), UnknownComponentException);
  BOOST_CHECK_THROW(registry.executor("zoo-no-start"), UnknownComponentException);
  RecordingSink sink;
  JobRequest request;
  request.argv = {"/bin/echo", "still working"};
  auto job = registry.executor("native").start(request, sink);
  const JobResult result = job->wait();
  BOOST_TEST(result.outcome == MFX_EXIT_EXITED);
  BOOST_TEST(sink.out() == "still working\n");
}

BOOST_AUTO_TEST_CASE(a_newer_minor_is_accepted_with_a_warning) {
  registry.loadFile(kZooDir + "/mfx_zoo_minor_newer.so");
  const PluginRecord& r = record("mfx_zoo_minor_newer.so");
  BOOST_TEST(r.loaded());
  BOOST_TEST(r.abiMinor == MFX_ABI_MINOR + 1);
  BOOST_REQUIRE_EQUAL(r.warnings.size(), 1u);
  BOOST_TEST(r.warnings[0].find("built for ABI 1.2, this host implements 1.1") != std::string::npos);
  BOOST_TEST(registry.executor("zoo-minor-newer").displayName() == "Zoo executor");
}

BOOST_AUTO_TEST_CASE(a_plugin_built_against_the_frozen_1_0_header_loads_and_runs) {
  registry.loadFile(std::string(MFX_ABI_PLUGIN_DIR) + "/mfx_frozen_v1_0.so");
  BOOST_TEST(record("mfx_frozen_v1_0.so").loaded());
  RecordingSink sink;
  auto job = registry.executor("frozen-v1-0").start(JobRequest{}, sink);
  const JobResult result = job->wait();
  BOOST_TEST(result.outcome == MFX_EXIT_EXITED);
  BOOST_TEST(result.exitCode == 7);
  BOOST_TEST(sink.out() == "frozen 1.0 plugin ran\n");
  BOOST_TEST(sink.finished_ == 1);
}

BOOST_AUTO_TEST_CASE(the_same_plugin_id_twice_is_refused_the_second_time) {
  const auto copy = std::filesystem::temp_directory_path() / "mfx_native_copy.so";
  std::filesystem::copy_file(kPluginDir + "/mfx_native.so", copy,
                             std::filesystem::copy_options::overwrite_existing);
  registry.loadFile(kPluginDir + "/mfx_native.so");
  registry.loadFile(copy.string());
  const PluginRecord& second = record("mfx_native_copy.so");
  BOOST_TEST(!second.loaded());
  BOOST_TEST(second.reason.find("plugin id 'org.multiflexi.native' is already loaded from") !=
             std::string::npos);
  std::filesystem::remove(copy);
}

BOOST_AUTO_TEST_CASE(a_file_that_is_no_shared_object_is_refused) {
  const auto bogus = std::filesystem::temp_directory_path() / "mfx_not_elf.so";
  std::ofstream(bogus) << "hello";
  registry.loadFile(bogus.string());
  const PluginRecord& r = record("mfx_not_elf.so");
  BOOST_TEST(!r.loaded());
  BOOST_TEST(r.reason.find("cannot be loaded:") != std::string::npos);
  std::filesystem::remove(bogus);
}

BOOST_AUTO_TEST_CASE(an_unknown_executor_names_the_ones_available) {
  registry.loadDirectory(kPluginDir);
  try {
    registry.executor("kubernetes");
    BOOST_FAIL("expected UnknownComponentException");
  } catch (const UnknownComponentException& e) {
    BOOST_TEST(e.message().find("no executor 'kubernetes' is loaded (available: ") != std::string::npos);
    BOOST_TEST(e.message().find("native") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_missing_directory_is_skipped) {
  registry.loadDirectory("/nonexistent/mfx-plugins");
  BOOST_TEST(registry.records().empty());
}

BOOST_AUTO_TEST_CASE(plugin_configuration_reaches_the_plugin) {
  config->setString("plugins.org.multiflexi.native.kill_grace_ms", "not-a-number");
  registry.loadDirectory(kPluginDir);
  const PluginRecord& native = record("mfx_native.so");
  BOOST_TEST(!native.loaded());
  BOOST_TEST(native.reason.find("kill_grace_ms: expected a non-negative number of milliseconds") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(two_hundred_native_jobs_at_once_through_the_host) {
  registry.loadDirectory(kPluginDir);
  const ExecutorAdapter& native = registry.executor("native");
  std::vector<std::unique_ptr<RecordingSink>> sinks;
  std::vector<std::unique_ptr<HostJob>> jobs;
  for (int i = 0; i < 200; ++i) {
    sinks.push_back(std::make_unique<RecordingSink>());
    JobRequest request;
    request.jobId = i;
    request.argv = {"/bin/sh", "-c", "echo $N"};
    request.env = {{"N", std::to_string(i), false}};
    jobs.push_back(native.start(request, *sinks.back()));
  }
  for (int i = 0; i < 200; ++i) {
    const JobResult result = jobs[i]->wait();
    BOOST_TEST(result.outcome == MFX_EXIT_EXITED);
    BOOST_TEST(sinks[i]->out() == std::to_string(i) + "\n");
    BOOST_TEST(sinks[i]->finished_ == 1);
    BOOST_TEST(sinks[i]->pid_ > 1);
  }
}

BOOST_AUTO_TEST_CASE(hundred_megabytes_through_the_host_with_bounded_memory) {
  registry.loadDirectory(kPluginDir);
  struct CountingSink : JobSink {
    uint64_t bytes = 0;
    void onStarted(int64_t, std::string_view) override {}
    void onOutput(int32_t, std::string_view chunk) override { bytes += chunk.size(); }
    void onFinished(const JobResult&) override {}
  } sink;
  JobRequest request;
  request.argv = {"/usr/bin/head", "-c", "104857600", "/dev/zero"};
  rusage before{};
  ::getrusage(RUSAGE_SELF, &before);
  auto job = registry.executor("native").start(request, sink);
  BOOST_TEST(job->wait().exitCode == 0);
  rusage after{};
  ::getrusage(RUSAGE_SELF, &after);
  BOOST_TEST(sink.bytes == 104857600u);
  const long growthKb = after.ru_maxrss - before.ru_maxrss;
  BOOST_TEST(growthKb < 32 * 1024, "peak RSS grew by " << growthKb << " KiB for 100 MiB of output");
}

BOOST_AUTO_TEST_SUITE_END()
