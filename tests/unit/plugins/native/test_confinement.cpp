// What native jobs run as and within: the job user (no access to the host's
// files, its working directory handed over), the process and memory limits,
// and processes that left the job's process group.
#include <boost/test/unit_test.hpp>

#include <multiflexi/mfx_testing.hpp>

#include "JobUser.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

extern "C" mfx_rc mfx_plugin_init(const mfx_host_api*, mfx_host_ctx*, mfx_status*);

using mfx::testing::FakeHost;
using mfx::testing::JobRequest;
using MultiFlexi::Testing::jobUser;
using MultiFlexi::Testing::JobUserAvailable;
using namespace std::chrono_literals;

namespace {

const std::pair<std::string, std::string> kPath{"PATH", "/usr/bin:/bin"};

/// A private directory others may pass through (as the host's data directory).
struct Scratch {
  std::filesystem::path path;
  Scratch() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mfx-confine-XXXXXX").string();
    BOOST_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
    ::chmod(path.c_str(), 0711);
  }
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  /// A job directory as the host makes it: 0700, the daemon's.
  std::string jobDir(const std::string& name) const {
    const auto dir = path / name;
    BOOST_REQUIRE(::mkdir(dir.c_str(), 0700) == 0);
    return dir.string();
  }
};

using Config = std::map<std::string, std::string>;

struct Loaded {
  FakeHost host;
  explicit Loaded(const Config& config) {
    host.setConfig("kill_grace_ms", "300");
    host.setConfig("drain_timeout_ms", "300");
    for (const auto& [k, v] : config) host.setConfig(k, v);
    BOOST_REQUIRE_EQUAL(host.load(&mfx_plugin_init), MFX_OK);
  }
  std::unique_ptr<mfx::testing::FakeJob> run(JobRequest request) const {
    auto job = host.executor("native").start(std::move(request));
    BOOST_REQUIRE(job->waitFinished(60s));
    return job;
  }
};

JobRequest shellIn(const std::string& dir, const std::string& script) {
  JobRequest r{{"/bin/sh", "-c", script}, {kPath, {"MULTIFLEXI_TMP", dir}}};
  r.workingDir = dir;
  return r;
}

bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const std::size_t close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z';
}

}  // namespace

BOOST_AUTO_TEST_SUITE(confinement)

BOOST_AUTO_TEST_CASE(jobs_run_as_the_job_user_and_cannot_read_the_daemons_files,
                     *boost::unit_test::precondition(JobUserAvailable())) {
  const auto user = jobUser();
  BOOST_REQUIRE_MESSAGE(user, "root and the user multiflexi-job are needed (CI=true)");
  Scratch scratch;
  const std::string secret = (scratch.path / "master.key").string();
  std::ofstream(secret) << "host secret";
  ::chmod(secret.c_str(), 0600);
  const std::string dir = scratch.jobDir("1");
  Loaded native(Config{});  // the default user
  auto job = native.run(shellIn(dir, "id -u; id -G; echo made > result.json && cat result.json; echo reopened > /dev/stderr; cat " + secret));
  BOOST_TEST(job->stdoutText() == std::to_string(user->uid) + "\n" + std::to_string(user->gid) + "\nmade\n");
  BOOST_TEST(job->stderrText().find("reopened\n") == 0, job->stderrText());  // its own pipes are its own
  BOOST_TEST(job->stderrText().find("Permission denied") != std::string::npos, job->stderrText());
  BOOST_TEST(job->exitInfo()->exitCode != 0);
  struct stat st {};
  BOOST_REQUIRE(::stat(dir.c_str(), &st) == 0);
  BOOST_TEST(st.st_uid == user->uid);
  BOOST_TEST((st.st_mode & 0777) == 0700u);
}

BOOST_AUTO_TEST_CASE(only_a_directory_made_for_the_job_is_handed_over,
                     *boost::unit_test::precondition(JobUserAvailable())) {
  BOOST_REQUIRE_MESSAGE(jobUser(), "root and the user multiflexi-job are needed (CI=true)");
  Scratch scratch;
  const std::string shared = (scratch.path / "shared").string();
  BOOST_REQUIRE(::mkdir(shared.c_str(), 0755) == 0);
  Loaded native(Config{});
  try {
    native.host.executor("native").start(shellIn(shared, "true"));
    BOOST_FAIL("a 0755 directory was accepted as the job's own");
  } catch (const mfx::testing::StartRefused& e) {
    BOOST_TEST(std::string(e.what()).find("not handing it to 'multiflexi-job'") != std::string::npos, e.what());
  }
  struct stat st {};
  BOOST_REQUIRE(::stat(shared.c_str(), &st) == 0);
  BOOST_TEST(st.st_uid == ::geteuid());
}

BOOST_AUTO_TEST_CASE(a_fork_bomb_hits_the_process_limit, *boost::unit_test::precondition(JobUserAvailable())) {
  BOOST_REQUIRE_MESSAGE(jobUser(), "root and the user multiflexi-job are needed (CI=true)");
  Scratch scratch;
  Loaded native(Config{{"max_processes", "8"}});
  auto job = native.run(shellIn(scratch.jobDir("1"), "i=0; while [ $i -lt 30 ]; do sleep 2 & i=$((i+1)); done; wait"));
  BOOST_TEST(job->exitInfo()->exitCode != 0);
  BOOST_TEST(job->stderrText().find("fork") != std::string::npos, job->stderrText());
}

BOOST_AUTO_TEST_CASE(the_memory_limit_stops_a_greedy_job) {
  Scratch scratch;
  Loaded native(Config{{"user", ""}, {"max_memory_mb", "64"}});
  auto greedy = native.run(shellIn(scratch.jobDir("1"), "dd if=/dev/zero of=/dev/null bs=256M count=1"));
  BOOST_TEST(greedy->exitInfo()->exitCode != 0);
  BOOST_TEST(greedy->stderrText().find("memory exhausted") != std::string::npos, greedy->stderrText());
  auto modest = native.run(shellIn(scratch.jobDir("2"), "dd if=/dev/zero of=/dev/null bs=16M count=1"));
  BOOST_TEST(modest->exitInfo()->exitCode == 0);
}

BOOST_AUTO_TEST_CASE(a_process_that_left_the_group_is_killed_when_the_job_ends) {
  Scratch scratch;
  Loaded native(Config{{"user", ""}});
  auto job = native.run(
      shellIn(scratch.jobDir("1"), "setsid sleep 60 </dev/null >/dev/null 2>&1 & echo $!; sleep 0.2"));
  const pid_t escaped = std::stoi(job->stdoutText());
  for (int i = 0; i < 50 && alive(escaped); ++i) std::this_thread::sleep_for(20ms);
  BOOST_TEST(!alive(escaped));
  BOOST_TEST(job->exitInfo()->message.find("1 process(es) the job left outside its process group were killed") !=
                 std::string::npos,
             job->exitInfo()->message);
  if (alive(escaped)) ::kill(escaped, SIGKILL);
}

BOOST_AUTO_TEST_CASE(bad_settings_name_the_key) {
  FakeHost host;
  host.setConfig("max_processes", "lots");
  BOOST_TEST(host.load(&mfx_plugin_init) != MFX_OK);
  BOOST_TEST(host.lastError().find("max_processes: expected a whole number >= 0, got 'lots'") != std::string::npos,
             host.lastError());
}

BOOST_AUTO_TEST_CASE(an_unknown_job_user_is_refused_by_root_and_named_by_others) {
  FakeHost host;
  host.setConfig("user", "no-such-mfx-user");
  if (::geteuid() == 0) {
    BOOST_TEST(host.load(&mfx_plugin_init) != MFX_OK);
    BOOST_TEST(host.lastError().find("user: 'no-such-mfx-user' does not exist") != std::string::npos,
               host.lastError());
  } else {
    BOOST_TEST(host.load(&mfx_plugin_init) == MFX_OK);
    BOOST_TEST(host.logged("jobs run as the daemon's own user"));
  }
}

BOOST_AUTO_TEST_SUITE_END()
