// mfx_docker on a real Docker daemon started by the test (vfs, no iptables,
// no bridge, private roots): the shared container cases over the unix
// socket, plus TLS over TCP, the engine's own error messages, and the
// demultiplexing of its output stream.
#define BOOST_TEST_MODULE docker_executor
#include <boost/test/unit_test.hpp>

#include "ContainerEngines.h"
#include "StreamDemuxer.h"

#include <multiflexi/mfx_plugin.hpp>
#include <multiflexi/mfx_testing.hpp>

extern "C" mfx_rc mfx_plugin_init(const mfx_host_api*, mfx_host_ctx*, mfx_status*);

struct EngineFixture {
  static constexpr const char* executorId = "docker";
  static MultiFlexi::Testing::ContainerEngine* sharedEngine(std::string& error) {
    return MultiFlexi::Testing::sharedDocker(error);
  }
  static void configure(mfx::testing::FakeHost& host) {
    std::string error;
    if (auto* docker = MultiFlexi::Testing::sharedDocker(error)) host.setConfig("host", docker->socketHost());
  }
};

#include "ContainerCases.h"

namespace {
MultiFlexi::Testing::DockerDaemon& daemon() {
  std::string error;
  return *MultiFlexi::Testing::sharedDocker(error);
}
}  // namespace

BOOST_FIXTURE_TEST_SUITE(docker_only, container_cases::Cases<EngineFixture>,
                         *boost::unit_test::precondition(container_cases::EngineReady<EngineFixture>()))

BOOST_AUTO_TEST_CASE(tcp_with_tls_client_certificates) {
  FakeHost tls;
  tls.setConfig("host", daemon().tlsHost());
  tls.setConfig("tls_verify", "true");
  tls.setConfig("cert_path", daemon().clientCertDir());
  tls.setConfig("pull", "never");
  tls.setConfig("network", "none");
  BOOST_REQUIRE_MESSAGE(tls.load(&mfx_plugin_init) == MFX_OK, tls.lastError());
  JobRequest r = shell("echo over tls; echo err >&2; exit 5");
  auto job = tls.executor("docker").start(std::move(r));
  BOOST_REQUIRE(job->waitFinished(60s));
  BOOST_TEST(job->exitInfo()->exitCode == 5);
  BOOST_TEST(job->stdoutText() == "over tls\n");
  BOOST_TEST(job->stderrText() == "err\n");
}

BOOST_AUTO_TEST_CASE(tcp_without_our_certificate_is_refused) {
  FakeHost plain;
  plain.setConfig("host", daemon().tlsHost());  // a TLS port spoken to in plain HTTP
  plain.setConfig("pull", "never");
  BOOST_REQUIRE(plain.load(&mfx_plugin_init) == MFX_OK);
  auto job = plain.executor("docker").start(shell("true"));
  BOOST_REQUIRE(job->waitFinished(60s));
  BOOST_TEST(job->exitInfo()->outcome == MFX_EXIT_LAUNCH_FAILED);
  BOOST_TEST(!job->pid().has_value());
}

BOOST_AUTO_TEST_CASE(engine_errors_carry_the_engine_message) {
  FakeHost other;
  EngineFixture::configure(other);
  other.setConfig("pull", "never");
  other.setConfig("network", "mfx-no-such-network");
  BOOST_REQUIRE(other.load(&mfx_plugin_init) == MFX_OK);
  auto job = other.executor("docker").start(shell("true"));
  BOOST_REQUIRE(job->waitFinished(60s));
  const auto info = *job->exitInfo();
  BOOST_TEST(info.outcome == MFX_EXIT_LAUNCH_FAILED);
  BOOST_TEST(info.message.find("mfx-no-such-network") != std::string::npos, info.message);
}

BOOST_AUTO_TEST_CASE(tls_settings_are_checked_at_load) {
  FakeHost other;
  other.setConfig("host", daemon().tlsHost());
  other.setConfig("tls_verify", "true");
  other.setConfig("cert_path", "/nonexistent/certs");
  BOOST_TEST(other.load(&mfx_plugin_init) == MFX_E_INVALID);
  BOOST_TEST(other.lastError().find("cert_path") != std::string::npos, other.lastError());
}

BOOST_AUTO_TEST_SUITE_END()

namespace {
std::string frame(char stream, const std::string& payload) {
  const auto n = static_cast<uint32_t>(payload.size());
  std::string head{stream, 0, 0, 0, static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
                   static_cast<char>(n)};
  return head + payload;
}
}  // namespace

BOOST_AUTO_TEST_CASE(demuxer_splits_frames_cut_anywhere) {
  const std::string big(70000, 'x');
  const std::string wire = frame(1, "hello\n") + frame(2, "err\n") + frame(1, big) + frame(1, "") + frame(2, "end");
  for (const std::size_t piece : {wire.size(), std::size_t{1}, std::size_t{7}, std::size_t{8}, std::size_t{4096}}) {
    mfx::docker::StreamDemuxer demuxer;
    std::string out, err;
    for (std::size_t at = 0; at < wire.size(); at += piece)
      demuxer.feed(std::string_view(wire).substr(at, piece),
                   [&](int stream, std::string_view bytes) { (stream == 1 ? out : err).append(bytes); });
    BOOST_TEST(out == "hello\n" + big, "piece " << piece);
    BOOST_TEST(err == "err\nend", "piece " << piece);
  }
  mfx::docker::StreamDemuxer broken;
  BOOST_CHECK_THROW(broken.feed(std::string("\x07\0\0\0\0\0\0\x01x", 9), [](int, std::string_view) {}), mfx::Error);
}
