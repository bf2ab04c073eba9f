// The cases both container executors must pass, on a real engine. A test
// program defines EngineFixture before including this file (once):
//   EngineFixture::executorId         "podman" or "docker"
//   EngineFixture::sharedEngine(err)  the engine the plugin talks to
//   EngineFixture::configure(host)    the plugin's settings for that engine
// Every case ends by checking that no job container is left behind.
#pragma once

#include "ContainerEngines.h"
#include "TempDir.h"

#include <multiflexi/mfx_testing.hpp>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

namespace container_cases {

using mfx::testing::FakeHost;
using mfx::testing::FakeJob;
using mfx::testing::JobRequest;
using MultiFlexi::Testing::kTestImage;
using namespace std::chrono_literals;

/// Skips the suite outside CI when the engine cannot start, saying why; in
/// CI the suite runs and fails on the missing engine.
template <class Fixture>
struct EngineReady {
  boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
    std::string error;
    if (Fixture::sharedEngine(error) != nullptr || MultiFlexi::Testing::inCi()) return true;
    std::cerr << "\n*** SKIPPED: the " << Fixture::executorId << " tests need a " << Fixture::executorId
              << " engine: " << error << " ***\n";
    boost::test_tools::assertion_result result(false);
    result.message() << Fixture::executorId << " engine unavailable: " << error;
    return result;
  }
};

template <class Fixture>
struct Cases : Fixture {
  FakeHost host;
  MultiFlexi::Testing::TempDir work;

  Cases() {
    std::string error;
    if (Fixture::sharedEngine(error) == nullptr) BOOST_FAIL("no " << Fixture::executorId << " engine: " << error);
    host.setConfig("pull", "never");
    host.setConfig("network", "none");
    host.setConfig("kill_grace_ms", "1000");
    Fixture::configure(host);
    BOOST_REQUIRE_MESSAGE(host.load(&mfx_plugin_init) == MFX_OK, host.lastError());
  }
  ~Cases() {
    // Nothing of any case may outlive it.
    BOOST_TEST(engine().jobContainers().empty());
  }

  const MultiFlexi::Testing::ContainerEngine& engine() const {
    std::string error;
    return *Fixture::sharedEngine(error);
  }

  JobRequest request(std::vector<std::string> argv, int64_t jobId = 1) const {
    JobRequest r(std::move(argv));
    r.jobId = jobId;
    r.optionsJson = R"({"image":")" + kTestImage + R"("})";
    return r;
  }
  JobRequest shell(const std::string& script, int64_t jobId = 1) const {
    return request({"/bin/sh", "-c", script}, jobId);
  }
  std::unique_ptr<FakeJob> start(JobRequest r) const { return host.executor(Fixture::executorId).start(std::move(r)); }
  std::unique_ptr<FakeJob> run(JobRequest r) const {
    auto job = start(std::move(r));
    BOOST_REQUIRE(job->waitFinished(120s));
    BOOST_TEST(job->violations().empty());
    return job;
  }
  /// Waits until the job printed `text` on stdout.
  static bool waitForStdout(const FakeJob& job, const std::string& text) {
    for (int i = 0; i < 600; ++i) {
      if (job.stdoutText().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }
};

}  // namespace container_cases


using namespace container_cases;

BOOST_FIXTURE_TEST_SUITE(shared_cases, container_cases::Cases<EngineFixture>,
                         *boost::unit_test::precondition(container_cases::EngineReady<EngineFixture>()))

BOOST_AUTO_TEST_CASE(exit_codes_and_streams_kept_apart) {
  for (const int code : {0, 1, 42}) {
    auto job = run(shell("echo out; echo err >&2; exit " + std::to_string(code)));
    const auto info = *job->exitInfo();
    BOOST_TEST(info.outcome == MFX_EXIT_EXITED);
    BOOST_TEST(info.exitCode == code);
    BOOST_TEST(job->stdoutText() == "out\n");
    BOOST_TEST(job->stderrText() == "err\n");
    BOOST_TEST(job->pid().value_or(0) == -1);  // no local process: the container id is the reference
    BOOST_TEST(job->externalRef().size() == 64u);
  }
}

BOOST_AUTO_TEST_CASE(death_by_signal_is_reported_as_such) {
  auto job = start(shell("echo ready; sleep 60", 7));
  BOOST_REQUIRE(waitForStdout(*job, "ready"));
  BOOST_REQUIRE_EQUAL(engine().cli({"kill", "--signal", "KILL", "multiflexi-job-7"}).exitCode, 0);
  BOOST_REQUIRE(job->waitFinished(60s));
  const auto info = *job->exitInfo();
  BOOST_TEST(info.outcome == MFX_EXIT_SIGNALED);
  BOOST_TEST(info.termSignal == 9);
  BOOST_TEST(info.message.find("137") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(environment_values_arrive_exactly) {
  const std::vector<std::pair<std::string, std::string>> values = {
      {"V_EQUALS", "a=b==c="},
      {"V_SPACES", "  two  spaces  "},
      {"V_QUOTES", "it's \"quoted\" `and` $(not run) $HOME"},
      {"V_NEWLINES", "line one\nline two\n"},
      {"V_UNICODE", "Příliš žluťoučký kůň — 日本"},
      {"V_SECRET_TOKEN", "s3cr=t with 'quotes'"},
      {"XDG_SECRET_TOKEN", "a secret under a name podman reads"},
      {"HOME", "/job/home"}};
  JobRequest r = shell(R"(printf '%s\0' "$V_EQUALS" "$V_SPACES" "$V_QUOTES" "$V_NEWLINES" "$V_UNICODE" )"
                       R"("$V_SECRET_TOKEN" "$XDG_SECRET_TOKEN" "$HOME"; printf 'PATH=%s' "$PATH" >&2)");
  r.env = values;
  r.env.emplace_back("PATH", "/host/only/bin");
  r.secretKeys = {"V_SECRET_TOKEN", "XDG_SECRET_TOKEN"};
  r.inheritedKeys = {"PATH"};
  auto job = run(std::move(r));
  BOOST_TEST(job->exitInfo()->exitCode == 0);
  std::string expected;
  for (const auto& [k, v] : values) expected += v + std::string(1, '\0');
  BOOST_TEST(job->stdoutText() == expected);
  // The host's PATH is dropped: the image's own applies.
  BOOST_TEST(job->stderrText().find("/host/only/bin") == std::string::npos);
  BOOST_TEST(job->stderrText().find("/bin") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(working_directory_is_mounted_at_its_own_path) {
  const std::string dir = work.path().string();
  JobRequest r = shell(R"(pwd; echo result > "$MULTIFLEXI_TMP/result.txt")");
  r.workingDir = dir;
  r.env = {{"MULTIFLEXI_TMP", dir}};
  auto job = run(std::move(r));
  BOOST_TEST(job->exitInfo()->exitCode == 0);
  BOOST_TEST(job->stdoutText() == dir + "\n");
  std::ifstream in(work.file("result.txt"));
  std::string line;
  BOOST_TEST(static_cast<bool>(std::getline(in, line)));
  BOOST_TEST(line == "result");
}

BOOST_AUTO_TEST_CASE(fifty_megabytes_of_output) {
  constexpr uint64_t kBytes = 50ull * 1024 * 1024;
  uint64_t out = 0;
  std::string err;
  std::mutex mutex;
  JobRequest r = shell("yes 0123456789abcdef | head -c " + std::to_string(kBytes) + "; echo done >&2");
  r.onOutput = [&](int32_t stream, std::string_view bytes) {
    std::lock_guard<std::mutex> lock(mutex);
    if (stream == MFX_STREAM_STDOUT) out += bytes.size();
    else err.append(bytes);
  };
  auto job = run(std::move(r));
  BOOST_TEST(job->exitInfo()->exitCode == 0);
  BOOST_TEST(out == kBytes);
  BOOST_TEST(err == "done\n");
}

BOOST_AUTO_TEST_CASE(timeout_stops_the_container) {
  JobRequest r = shell("trap '' TERM; echo ready; sleep 60");
  r.timeout = 1500ms;
  const auto began = std::chrono::steady_clock::now();
  auto job = run(std::move(r));
  const auto info = *job->exitInfo();
  BOOST_TEST(info.outcome == MFX_EXIT_TIMED_OUT);
  BOOST_TEST(info.termSignal == 9);  // it ignored SIGTERM: killed after the grace period
  BOOST_TEST(info.message.find("timed out") != std::string::npos);
  BOOST_TEST(job->stdoutText() == "ready\n");
  BOOST_TEST((std::chrono::steady_clock::now() - began < 50s));  // far from the 60 s sleep
}

BOOST_AUTO_TEST_CASE(cancel_stops_the_container) {
  auto job = start(shell("echo ready; sleep 60"));
  BOOST_REQUIRE(waitForStdout(*job, "ready"));
  BOOST_REQUIRE_EQUAL(job->cancel(500ms), MFX_OK);
  BOOST_REQUIRE(job->waitFinished(60s));
  const auto info = *job->exitInfo();
  BOOST_TEST(info.outcome == MFX_EXIT_CANCELLED);
  BOOST_TEST(job->violations().empty());
}

BOOST_AUTO_TEST_CASE(missing_image_is_a_launch_failure_naming_it) {
  JobRequest r = shell("true");
  r.optionsJson = R"({"image":"localhost/mfx-missing:404"})";
  auto job = run(std::move(r));
  const auto info = *job->exitInfo();
  BOOST_TEST(info.outcome == MFX_EXIT_LAUNCH_FAILED);
  BOOST_TEST(info.message.find("localhost/mfx-missing:404") != std::string::npos, info.message);
  BOOST_TEST(!job->pid().has_value());  // it never started
}

BOOST_AUTO_TEST_CASE(missing_program_is_a_launch_failure_with_the_engine_message) {
  auto job = run(request({"/no/such/program"}));
  const auto info = *job->exitInfo();
  BOOST_TEST(info.outcome == MFX_EXIT_LAUNCH_FAILED);
  BOOST_TEST(info.message.find("/no/such/program") != std::string::npos, info.message);
}

BOOST_AUTO_TEST_CASE(two_jobs_at_once) {
  auto first = start(shell("echo ready; sleep 2; echo first; exit 3", 11));
  auto second = start(shell("echo ready; sleep 2; echo second; exit 4", 12));
  BOOST_REQUIRE(waitForStdout(*first, "ready"));
  BOOST_REQUIRE(waitForStdout(*second, "ready"));
  const auto running = engine().jobContainers();
  BOOST_TEST(running.size() == 2u);  // both containers exist at the same time
  BOOST_REQUIRE(first->waitFinished(60s));
  BOOST_REQUIRE(second->waitFinished(60s));
  BOOST_TEST(first->stdoutText() == "ready\nfirst\n");
  BOOST_TEST(second->stdoutText() == "ready\nsecond\n");
  BOOST_TEST(first->exitInfo()->exitCode == 3);
  BOOST_TEST(second->exitInfo()->exitCode == 4);
}

BOOST_AUTO_TEST_CASE(can_run_needs_an_image) {
  const auto probe = host.executor(EngineFixture::executorId);
  const auto refusal = probe.refusal(R"({"name":"x","executable":"x"})");
  BOOST_REQUIRE(refusal.has_value());
  BOOST_TEST(refusal->find("ociimage") != std::string::npos, *refusal);
  BOOST_TEST(!probe.refusal(R"({"name":"x","executable":"x","ociimage":"docker.io/library/debian:12"})"));
  JobRequest r = shell("true");
  r.optionsJson = "";
  BOOST_CHECK_THROW(start(std::move(r)), mfx::testing::StartRefused);
}

BOOST_AUTO_TEST_CASE(bad_settings_name_the_key) {
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"pull", "sometimes"}, {"memory", "lots"}, {"cpus", "-1"}, {"mounts", "relative:/x"}, {"init", "maybe"}}) {
    FakeHost other;
    EngineFixture::configure(other);
    other.setConfig(key, value);
    BOOST_TEST(other.load(&mfx_plugin_init) == MFX_E_INVALID);
    BOOST_TEST(other.lastError().rfind(key + ":", 0) == 0, other.lastError());
  }
}

BOOST_AUTO_TEST_SUITE_END()
