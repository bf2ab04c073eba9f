// Settings: defaults an operator can rely on, and values named when bad.
#define BOOST_TEST_MODULE app
#include <boost/test/unit_test.hpp>

#include "app/Settings.h"
#include "common/Exceptions.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/MapConfiguration.h>

#include <vector>

using namespace MultiFlexi;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(settings)

BOOST_AUTO_TEST_CASE(a_job_may_not_run_forever_by_default) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
  BOOST_TEST(Settings(*config).jobTimeout().count() == std::chrono::milliseconds(24h).count());
  config->setString("multiflexi.jobTimeout", "0");  // an operator may lift it
  BOOST_TEST(Settings(*config).jobTimeout().count() == 0);
  config->setString("multiflexi.jobTimeout", "forever");
  BOOST_CHECK_EXCEPTION(Settings(*config).jobTimeout(), ConfigurationException, [](const ConfigurationException& e) {
    return e.message().find("MULTIFLEXI_JOB_TIMEOUT") != std::string::npos;
  });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(http_settings)

namespace {

Poco::AutoPtr<Poco::Util::MapConfiguration> with(const std::string& key, const std::string& value) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
  config->setString(key, value);
  return config;
}

bool names(const ConfigurationException& e, const std::string& variable) {
  return e.message().rfind(variable + ":", 0) == 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(listen_takes_ipv4_bracketed_ipv6_localhost_and_off) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> empty(new Poco::Util::MapConfiguration);
  BOOST_TEST(Settings(*empty).listenAddress()->toString() == "127.0.0.1:8420");
  BOOST_TEST(Settings(*with("multiflexi.listen", "[::1]:8420")).listenAddress()->toString() == "[::1]:8420");
  BOOST_TEST(Settings(*with("multiflexi.listen", "0.0.0.0:80")).listenAddress()->toString() == "0.0.0.0:80");
  BOOST_TEST(Settings(*with("multiflexi.listen", "localhost:0")).listenAddress()->toString() == "127.0.0.1:0");
  BOOST_TEST(!Settings(*with("multiflexi.listen", "OFF")).listenAddress());
}

BOOST_AUTO_TEST_CASE(a_bad_listen_address_names_the_variable) {
  for (const std::string& bad : std::vector<std::string>{
           "8420", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:80x", "::1:8420",
        "[::1]8420", "[127.0.0.1]:80", "[::1:80", "example.com:80", "1.2.3.4.5:80", "127.0.0.1:99999999999999999999",
        "' OR 1=1 --:80", "127.1:80", "2130706433:80", "[fe80::1%eth0]:80", std::string("127.0.0.1\0:80", 13), std::string(100000, '9') + ":80", "on"})
    BOOST_CHECK_EXCEPTION(Settings(*with("multiflexi.listen", bad)).listenAddress(), ConfigurationException,
                          [](const ConfigurationException& e) { return names(e, "MULTIFLEXI_LISTEN"); });
}

BOOST_AUTO_TEST_CASE(http_bounds_have_defaults_and_ranges) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> empty(new Poco::Util::MapConfiguration);
  const Settings s(*empty);
  BOOST_TEST(s.httpMaxBody() == 1 << 20);
  BOOST_TEST(s.httpThreads() == 8);
  BOOST_TEST(s.httpQueue() == 64);
  BOOST_TEST(s.httpTimeout().count() == 30000);
  BOOST_TEST(s.httpKeepAlive().count() == 10000);
  BOOST_TEST(s.rateLimiting());
  BOOST_TEST(s.rateLimitRequests() == 120);
  BOOST_TEST(s.rateLimitWindow().count() == 60);
  BOOST_TEST(!s.tlsFiles());
  BOOST_TEST(!Settings(*with("multiflexi.rateLimiting", "false")).rateLimiting());
  const std::pair<const char*, const char*> bad[] = {
      {"multiflexi.http.maxBody", "MULTIFLEXI_HTTP_MAX_BODY"}, {"multiflexi.http.threads", "MULTIFLEXI_HTTP_THREADS"},
      {"multiflexi.http.queue", "MULTIFLEXI_HTTP_QUEUE"},      {"multiflexi.http.timeout", "MULTIFLEXI_HTTP_TIMEOUT"},
      {"multiflexi.rateLimitRequests", "API_RATE_LIMIT_REQUESTS"},
      {"multiflexi.rateLimitWindow", "API_RATE_LIMIT_WINDOW"}};
  for (const auto& [key, variable] : bad) {
    for (const std::string value : {"-1", "abc", "1e99999", "99999999999999999999999"}) {
      const auto config = with(key, value);
      const Settings settings(*config);
      BOOST_CHECK_EXCEPTION(
          {
            (void)settings.httpMaxBody();
            (void)settings.httpThreads();
            (void)settings.httpQueue();
            (void)settings.httpTimeout();
            (void)settings.rateLimitRequests();
            (void)settings.rateLimitWindow();
          },
          ConfigurationException, [&](const ConfigurationException& e) { return names(e, variable); });
    }
  }
  BOOST_CHECK_THROW(Settings(*with("multiflexi.http.threads", "0")).httpThreads(), ConfigurationException);
  BOOST_CHECK_THROW(Settings(*with("multiflexi.http.maxBody", "2147483648")).httpMaxBody(), ConfigurationException);
  BOOST_CHECK_THROW(Settings(*with("multiflexi.rateLimiting", "maybe")).rateLimiting(), ConfigurationException);
}

BOOST_AUTO_TEST_CASE(threads_stay_within_the_store_pool) {
  BOOST_TEST(Settings(*with("multiflexi.http.threads", "32")).httpThreads() == 32);
  for (const std::string value : {"33", "64", "256", "1048576"})
    BOOST_CHECK_EXCEPTION(Settings(*with("multiflexi.http.threads", value)).httpThreads(), ConfigurationException,
                          [](const ConfigurationException& e) {
                            return names(e, "MULTIFLEXI_HTTP_THREADS") &&
                                   e.message().find("session pool holds 64") != std::string::npos;
                          });
}

BOOST_AUTO_TEST_CASE(streams_have_defaults_and_stay_below_the_threads) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> empty(new Poco::Util::MapConfiguration);
  BOOST_TEST(Settings(*empty).httpMaxStreams() == 4);
  BOOST_TEST(Settings(*empty).httpMaxStreamsPerUser() == 2);
  BOOST_TEST(Settings(*empty).httpStreamLifetime().count() == 600000);
  BOOST_TEST(Settings(*with("multiflexi.http.threads", "1")).httpMaxStreams() == 0);
  BOOST_TEST(Settings(*with("multiflexi.http.threads", "9")).httpMaxStreams() == 4);
  BOOST_TEST(Settings(*with("multiflexi.http.maxStreams", "0")).httpMaxStreams() == 0);
  BOOST_TEST(Settings(*with("multiflexi.http.maxStreams", "7")).httpMaxStreams() == 7);
  BOOST_TEST(Settings(*with("multiflexi.http.streamLifetime", "1.5")).httpStreamLifetime().count() == 1500);
  const auto full = with("multiflexi.http.maxStreams", "8");  // as many as the threads: nothing else answered
  BOOST_CHECK_EXCEPTION(Settings(*full).httpMaxStreams(), ConfigurationException, [](const ConfigurationException& e) {
    return names(e, "MULTIFLEXI_HTTP_MAX_STREAMS") && e.message().find("MULTIFLEXI_HTTP_THREADS (8)") != std::string::npos;
  });
  const std::pair<const char*, const char*> keys[] = {
      {"multiflexi.http.maxStreams", "MULTIFLEXI_HTTP_MAX_STREAMS"},
      {"multiflexi.http.maxStreamsPerUser", "MULTIFLEXI_HTTP_MAX_STREAMS_PER_USER"},
      {"multiflexi.http.streamLifetime", "MULTIFLEXI_HTTP_STREAM_LIFETIME"}};
  for (const auto& [key, variable] : keys)
    for (const std::string& value : std::vector<std::string>{"-1", "abc", "", "1001", "1e99999", "99999999999999999999999", std::string("2\0", 2), "1; DROP TABLE job", std::string(100000, '7')}) {
      if (value.empty()) continue;  // empty is the default
      if (value == "1001" && std::string(variable) == "MULTIFLEXI_HTTP_STREAM_LIFETIME") continue;  // 1001 s is fine
      const auto config = with(key, value);
      const Settings settings(*config);
      BOOST_CHECK_EXCEPTION(
          {
            (void)settings.httpMaxStreams();
            (void)settings.httpMaxStreamsPerUser();
            (void)settings.httpStreamLifetime();
          },
          ConfigurationException, [&](const ConfigurationException& e) { return names(e, variable); });
    }
  BOOST_CHECK_THROW(Settings(*with("multiflexi.http.streamLifetime", "0")).httpStreamLifetime(), ConfigurationException);
}

BOOST_AUTO_TEST_CASE(tls_takes_both_files_or_neither) {
  auto config = with("multiflexi.tls.cert", "/etc/cert.pem");
  BOOST_CHECK_EXCEPTION(Settings(*config).tlsFiles(), ConfigurationException,
                        [](const ConfigurationException& e) { return names(e, "MULTIFLEXI_TLS_KEY"); });
  config = with("multiflexi.tls.key", "/etc/key.pem");
  BOOST_CHECK_EXCEPTION(Settings(*config).tlsFiles(), ConfigurationException,
                        [](const ConfigurationException& e) { return names(e, "MULTIFLEXI_TLS_CERT"); });
  config->setString("multiflexi.tls.cert", "/etc/cert.pem");
  const auto files = Settings(*config).tlsFiles();
  BOOST_REQUIRE(files);
  BOOST_TEST(files->certificate == "/etc/cert.pem");
  BOOST_TEST(files->key == "/etc/key.pem");
}

BOOST_AUTO_TEST_CASE(console_sessions_have_defaults_and_bounds_named_when_broken) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
  BOOST_TEST(Settings(*config).sessionIdle().count() == 1800);
  BOOST_TEST(Settings(*config).sessionLifetime().count() == 43200);
  BOOST_TEST(Settings(*with("multiflexi.session.idle", "600")).sessionIdle().count() == 600);
  BOOST_TEST(Settings(*with("multiflexi.session.lifetime", "86400")).sessionLifetime().count() == 86400);
  const std::vector<std::string> broken{"0", "59", "-5", "1e3", "ten", "99999999999999999999", "31622401",
                                        std::string("60\0", 3)};
  for (const std::string& value : broken)
    for (const auto& [key, variable] : std::vector<std::pair<std::string, std::string>>{
             {"multiflexi.session.idle", "MULTIFLEXI_SESSION_IDLE"},
             {"multiflexi.session.lifetime", "MULTIFLEXI_SESSION_LIFETIME"}}) {
      BOOST_CHECK_EXCEPTION(
          {
            const auto configured = with(key, value);  // outlives the Settings that reads it
            const Settings settings(*configured);
            (void)settings.sessionIdle();
            (void)settings.sessionLifetime();
          },
          ConfigurationException, [&](const ConfigurationException& e) { return names(e, variable); });
    }
}

BOOST_AUTO_TEST_SUITE_END()
