// mfx_podman on a real podman (runc, private storage, containers.conf
// written by the test): the shared container cases, plus what only the
// podman plugin does.
#define BOOST_TEST_MODULE podman_executor
#include <boost/test/unit_test.hpp>

#include "ContainerEngines.h"

#include <multiflexi/mfx_testing.hpp>

extern "C" mfx_rc mfx_plugin_init(const mfx_host_api*, mfx_host_ctx*, mfx_status*);

struct EngineFixture {
  static constexpr const char* executorId = "podman";
  static MultiFlexi::Testing::ContainerEngine* sharedEngine(std::string& error) {
    return MultiFlexi::Testing::sharedPodman(error);
  }
  static void configure(mfx::testing::FakeHost& host) {
    std::string error;
    if (auto* podman = MultiFlexi::Testing::sharedPodman(error)) {
      host.setConfig("containers_conf", podman->containersConf());
      host.setConfig("storage_conf", podman->storageConf());
    }
  }
};

#include "ContainerCases.h"

BOOST_FIXTURE_TEST_SUITE(podman_only, container_cases::Cases<EngineFixture>,
                         *boost::unit_test::precondition(container_cases::EngineReady<EngineFixture>()))

BOOST_AUTO_TEST_CASE(env_file_for_names_podman_reads_is_gone_after_create) {
  // A secret under a name podman itself reads cannot go through podman's
  // environment: it goes through a 0600 file that must not outlive create.
  FakeHost other;
  EngineFixture::configure(other);
  other.setConfig("pull", "never");
  other.setConfig("network", "none");
  other.setConfig("tmp_dir", work.path().string());
  BOOST_REQUIRE(other.load(&mfx_plugin_init) == MFX_OK);
  JobRequest r = shell(R"(printf '%s' "$XDG_TOKEN")");
  r.env = {{"XDG_TOKEN", "value in a file"}};
  r.secretKeys = {"XDG_TOKEN"};
  auto job = other.executor("podman").start(std::move(r));
  BOOST_REQUIRE(job->waitFinished(60s));
  BOOST_TEST(job->stdoutText() == "value in a file");
  BOOST_TEST(std::filesystem::is_empty(work.path()));
}

BOOST_AUTO_TEST_CASE(a_secret_with_a_line_break_under_such_a_name_is_refused_by_name) {
  JobRequest r = shell("true");
  r.env = {{"XDG_TOKEN", "two\nlines"}};
  r.secretKeys = {"XDG_TOKEN"};
  auto job = run(std::move(r));
  BOOST_TEST(job->exitInfo()->outcome == MFX_EXIT_LAUNCH_FAILED);
  BOOST_TEST(job->exitInfo()->message.find("XDG_TOKEN") != std::string::npos);
  BOOST_TEST(job->exitInfo()->message.find("two") == std::string::npos);  // never the value
}

BOOST_AUTO_TEST_SUITE_END()
