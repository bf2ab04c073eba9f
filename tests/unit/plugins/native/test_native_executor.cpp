// The native executor through the fake host: output, exit status, exact
// environment, working directory, launch failures, timeouts, cancellation,
// process groups, bounded memory, many jobs at once.
#define BOOST_TEST_MODULE native_executor
#include <boost/test/unit_test.hpp>

#include <multiflexi/mfx_testing.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using mfx::testing::FakeHost;
using mfx::testing::FakeJob;
using mfx::testing::JobRequest;
using mfx::testing::StartRefused;
using namespace std::chrono_literals;

namespace {

const std::pair<std::string, std::string> kPath{"PATH", "/usr/bin:/bin"};

struct NativeFixture {
  FakeHost host;
  NativeFixture() {
    host.setConfig("kill_grace_ms", "300");
    host.setConfig("drain_timeout_ms", "300");
    host.setConfig("user", "");  // the mechanics, as the daemon's user (test_confinement.cpp: the job user)
    BOOST_REQUIRE_EQUAL(host.load(&mfx_plugin_init), MFX_OK);
  }

  std::unique_ptr<FakeJob> start(JobRequest request) const {
    return host.executor("native").start(std::move(request));
  }
  /// Runs to the end; fails the test if the job does not end within a minute.
  std::unique_ptr<FakeJob> run(JobRequest request) const {
    auto job = start(std::move(request));
    BOOST_REQUIRE(job->waitFinished(60s));
    BOOST_TEST(job->violations().empty());
    return job;
  }
};

JobRequest shell(const std::string& script) { return JobRequest{{"/bin/sh", "-c", script}, {kPath}}; }

std::filesystem::path tempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "mfx-native-XXXXXX").string();
  BOOST_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

/// Alive and not a zombie.
bool running(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  if (text.empty()) return false;
  const std::size_t close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z';
}

long maxRssKb() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(native, NativeFixture)

BOOST_AUTO_TEST_CASE(registers_the_native_executor) {
  BOOST_TEST(host.executor("native").table().display_name == std::string("Native process"));
}

BOOST_AUTO_TEST_CASE(streams_stdout_and_stderr_apart_and_reports_pid_and_exit_code) {
  auto job = run(shell("echo out; echo err >&2; exit 42"));
  BOOST_TEST(job->stdoutText() == "out\n");
  BOOST_TEST(job->stderrText() == "err\n");
  BOOST_REQUIRE(job->pid().has_value());
  BOOST_TEST(*job->pid() > 1);
  BOOST_TEST(job->exitInfo()->outcome == MFX_EXIT_EXITED);
  BOOST_TEST(job->exitInfo()->exitCode == 42);
  BOOST_TEST(job->exitInfo()->termSignal == 0);
}

BOOST_AUTO_TEST_CASE(runs_argv_directly_without_a_shell) {
  auto job = run(JobRequest{{"/bin/echo", "$HOME", "a  b", "*"}, {kPath}});
  BOOST_TEST(job->stdoutText() == "$HOME a  b *\n");
}

BOOST_AUTO_TEST_CASE(finds_a_bare_program_name_in_the_jobs_own_path) {
  const auto dir = tempDir();
  const auto tool = dir / "mfx-private-tool";
  std::ofstream(tool) << "#!/bin/sh\necho private tool\n";
  std::filesystem::permissions(tool, std::filesystem::perms::owner_all);
  auto job = run(JobRequest{{"mfx-private-tool"}, {{"PATH", dir.string() + ":/usr/bin:/bin"}}});
  BOOST_TEST(job->stdoutText() == "private tool\n");
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(reports_death_by_signal) {
  auto job = run(shell("kill -KILL $$"));
  BOOST_TEST(job->exitInfo()->outcome == MFX_EXIT_SIGNALED);
  BOOST_TEST(job->exitInfo()->termSignal == SIGKILL);
  BOOST_TEST(job->exitInfo()->exitCode == -1);
  BOOST_TEST(job->exitInfo()->message.find("SIGKILL") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(passes_exactly_the_given_environment) {
  ::setenv("MFX_HOST_CANARY", "must-not-leak", 1);
  JobRequest request{{"/usr/bin/env"}, {{"A", "1"}, {"WITH_EQUALS", "x=y=z"}, {"SPACES", " a b "}}};
  request.env.push_back({"UNICODE", "P\xC5\x99\xC3\xADli\xC5\xA1"});
  auto job = run(request);
  BOOST_TEST(job->stdoutText() == "A=1\nWITH_EQUALS=x=y=z\nSPACES= a b \nUNICODE=P\xC5\x99\xC3\xADli\xC5\xA1\n");
  BOOST_TEST(job->stdoutText().find("MFX_HOST_CANARY") == std::string::npos);
  ::unsetenv("MFX_HOST_CANARY");
}

BOOST_AUTO_TEST_CASE(starts_in_the_jobs_working_directory_with_stdin_empty) {
  const auto dir = tempDir();
  JobRequest request = shell("pwd -P; cat; echo end");
  request.workingDir = dir.string();
  auto job = run(request);
  BOOST_TEST(job->stdoutText() == std::filesystem::canonical(dir).string() + "\nend\n");
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(a_missing_program_is_a_launch_failure_naming_it) {
  try {
    start(JobRequest{{"mfx-no-such-program"}, {kPath}});
    BOOST_FAIL("start must refuse a missing program");
  } catch (const StartRefused& e) {
    BOOST_TEST(e.code() == MFX_E_NOT_FOUND);
    BOOST_TEST(std::string(e.what()).find("'mfx-no-such-program' not found in PATH=/usr/bin:/bin") !=
               std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_non_executable_program_is_a_launch_failure) {
  const auto dir = tempDir();
  const auto file = dir / "data.txt";
  std::ofstream(file) << "not a program\n";
  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  try {
    start(JobRequest{{file.string()}, {kPath}});
    BOOST_FAIL("start must refuse a non-executable file");
  } catch (const StartRefused& e) {
    BOOST_TEST(e.code() == MFX_E_DENIED);
    BOOST_TEST(std::string(e.what()).find("is not executable") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(a_missing_working_directory_is_a_launch_failure) {
  JobRequest request{{"/bin/true"}, {kPath}};
  request.workingDir = "/nonexistent/mfx-dir";
  try {
    start(request);
    BOOST_FAIL("start must refuse a missing working directory");
  } catch (const StartRefused& e) {
    BOOST_TEST(std::string(e.what()).find("working directory '/nonexistent/mfx-dir' does not exist") !=
               std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(an_invalid_environment_name_is_refused) {
  try {
    start(JobRequest{{"/bin/true"}, {{"BAD=NAME", "x"}}});
    BOOST_FAIL("start must refuse a variable name with '='");
  } catch (const StartRefused& e) {
    BOOST_TEST(e.code() == MFX_E_INVALID);
    BOOST_TEST(std::string(e.what()).find("'BAD=NAME'") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(binary_output_arrives_byte_for_byte) {
  const auto dir = tempDir();
  std::string bytes;
  for (int round = 0; round < 1024; ++round)
    for (int b = 0; b < 256; ++b) bytes.push_back(static_cast<char>((b + round) & 0xFF));
  std::ofstream(dir / "blob", std::ios::binary) << bytes;
  auto job = run(JobRequest{{"/bin/cat", (dir / "blob").string()}, {kPath}});
  BOOST_TEST(job->stdoutText().size() == bytes.size());
  BOOST_TEST((job->stdoutText() == bytes));
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(hundred_megabytes_of_output_stream_with_bounded_memory) {
  constexpr uint64_t kSize = 100ull * 1024 * 1024;
  uint64_t received = 0;
  JobRequest request{{"/usr/bin/head", "-c", std::to_string(kSize), "/dev/zero"}, {kPath}};
  request.onOutput = [&received](int32_t stream, std::string_view chunk) {
    if (stream == MFX_STREAM_STDOUT) received += chunk.size();
  };
  const long rssBefore = maxRssKb();
  auto job = run(request);
  const long growthKb = maxRssKb() - rssBefore;
  BOOST_TEST(job->exitInfo()->exitCode == 0);
  BOOST_TEST(received == kSize);
  BOOST_TEST(job->largestChunk() <= 64u * 1024);
  BOOST_TEST(growthKb < 32 * 1024, "peak RSS grew by " << growthKb << " KiB for 100 MiB of output");
}

BOOST_AUTO_TEST_CASE(grandchildren_left_in_the_group_are_ended_with_the_job) {
  auto job = run(shell("sleep 300 & echo $!"));
  BOOST_TEST(job->exitInfo()->outcome == MFX_EXIT_EXITED);
  const pid_t grandchild = std::stoi(job->stdoutText());
  for (int i = 0; i < 100 && running(grandchild); ++i) std::this_thread::sleep_for(20ms);
  BOOST_TEST(!running(grandchild), "grandchild " << grandchild << " outlived its job");
}

BOOST_AUTO_TEST_CASE(a_process_that_leaves_the_group_cannot_hold_the_job_open) {
  // The escapee starts its own session (so the group kill misses it) and
  // keeps stdout open; the job waits until it has left before exiting.
  const auto dir = tempDir();
  JobRequest request = shell("setsid sh -c 'echo $$ > escaped.pid; exec sleep 300' & "
                             "while [ ! -s escaped.pid ]; do sleep 0.01; done; echo started");
  request.workingDir = dir.string();
  auto job = run(request);
  BOOST_TEST(job->exitInfo()->outcome == MFX_EXIT_EXITED);
  BOOST_TEST(job->exitInfo()->message.find("held open") != std::string::npos);
  BOOST_TEST(job->stdoutText() == "started\n");
  std::ifstream pidFile(dir / "escaped.pid");
  pid_t escaped = 0;
  pidFile >> escaped;
  BOOST_REQUIRE_GT(escaped, 1);
  ::kill(escaped, SIGKILL);  // ours to clean up: it left the executor's reach on purpose
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(timeout_stops_the_job_with_sigterm) {
  JobRequest request = shell("echo before; exec sleep 30");
  request.timeout = 200ms;
  auto job = run(request);
  BOOST_TEST(job->exitInfo()->outcome == MFX_EXIT_TIMED_OUT);
  BOOST_TEST(job->exitInfo()->termSignal == SIGTERM);
  BOOST_TEST(job->exitInfo()->message.find("timed out after 200 ms") != std::string::npos);
  BOOST_TEST(job->stdoutText() == "before\n");
}

BOOST_AUTO_TEST_CASE(timeout_escalates_to_sigkill_for_the_whole_group) {
  JobRequest request = shell("trap '' TERM; sleep 30 & sleep 30; wait");
  request.timeout = 200ms;
  auto job = run(request);
  BOOST_TEST(job->exitInfo()->outcome == MFX_EXIT_TIMED_OUT);
  BOOST_TEST(job->exitInfo()->termSignal == SIGKILL);
  BOOST_TEST(job->exitInfo()->message.find("killed with SIGKILL") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(cancel_is_asynchronous_idempotent_and_reported) {
  auto job = start(shell("exec sleep 30"));
  BOOST_TEST(job->cancel(5s) == MFX_OK);
  BOOST_TEST(job->cancel(5s) == MFX_OK);
  BOOST_REQUIRE(job->waitFinished(60s));
  BOOST_TEST(job->exitInfo()->outcome == MFX_EXIT_CANCELLED);
  BOOST_TEST(job->exitInfo()->termSignal == SIGTERM);
  BOOST_TEST(job->cancel(0ms) == MFX_OK);  // after the end: nothing happens
  BOOST_TEST(job->violations().empty());
}

BOOST_AUTO_TEST_CASE(cancel_with_no_grace_kills_at_once) {
  auto job = start(shell("trap '' TERM; exec sleep 30"));
  BOOST_TEST(job->cancel(0ms) == MFX_OK);
  BOOST_REQUIRE(job->waitFinished(60s));
  BOOST_TEST(job->exitInfo()->outcome == MFX_EXIT_CANCELLED);
  BOOST_TEST(job->exitInfo()->termSignal == SIGKILL);
}

BOOST_AUTO_TEST_CASE(never_reaps_a_process_it_did_not_start) {
  pid_t mine = -1;
  char arg0[] = "/bin/sleep";
  char arg1[] = "0.2";
  char* argv[] = {arg0, arg1, nullptr};
  BOOST_REQUIRE_EQUAL(::posix_spawn(&mine, "/bin/sleep", nullptr, nullptr, argv, environ), 0);
  auto job = run(shell("sleep 0.5"));
  BOOST_TEST(job->exitInfo()->exitCode == 0);
  int status = 0;
  BOOST_TEST(::waitpid(mine, &status, 0) == mine, "our own child was reaped by somebody else");
  BOOST_TEST(WIFEXITED(status));
}

BOOST_AUTO_TEST_CASE(two_hundred_jobs_at_once) {
  std::vector<std::unique_ptr<FakeJob>> jobs;
  for (int i = 0; i < 200; ++i)
    jobs.push_back(start(JobRequest{{"/bin/sh", "-c", "echo $N; echo e$N >&2; exit $((N % 7))"},
                                    {kPath, {"N", std::to_string(i)}}}));
  for (int i = 0; i < 200; ++i) {
    BOOST_REQUIRE(jobs[i]->waitFinished(120s));
    BOOST_TEST(jobs[i]->stdoutText() == std::to_string(i) + "\n");
    BOOST_TEST(jobs[i]->stderrText() == "e" + std::to_string(i) + "\n");
    BOOST_TEST(jobs[i]->exitInfo()->exitCode == i % 7);
    BOOST_TEST(jobs[i]->violations().empty());
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(malformed_settings_refuse_the_plugin_naming_the_key) {
  FakeHost host;
  host.setConfig("kill_grace_ms", "soon");
  BOOST_TEST(host.load(&mfx_plugin_init) == MFX_E_INVALID);
  BOOST_TEST(host.lastError() == "kill_grace_ms: expected a non-negative number of milliseconds, got 'soon'");
}
