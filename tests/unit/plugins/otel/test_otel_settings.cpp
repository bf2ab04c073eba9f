// OtelSettings: MultiFlexi's OTEL_* keys, headers, endpoints; hostile values.
#include <boost/test/unit_test.hpp>

#include "OtelSettings.h"

#include <multiflexi/mfx_testing.hpp>

using namespace mfx::otel;

namespace {

std::string invalidMessage(const std::function<void()>& f) {
  try {
    f();
  } catch (const mfx::Invalid& e) {
    return e.what();
  }
  return "";
}

OtelSettings read(mfx::testing::FakeHost& host) {
  return OtelSettings::fromHost(mfx::Host(host.api(), host.ctx()));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(otel_settings)

BOOST_AUTO_TEST_CASE(headers_parse_with_spaces_and_percent_escapes) {
  const Headers h = parseHeaders(" api-key = s3cr%3Dt ,x-tenant=acme,,");
  BOOST_REQUIRE_EQUAL(h.size(), 2u);
  BOOST_TEST(h[0].first == "api-key");
  BOOST_TEST(h[0].second == "s3cr=t");
  BOOST_TEST(h[1].second == "acme");
  BOOST_TEST(parseHeaders("").empty());
  BOOST_TEST(parseHeaders(" , ").empty());
  BOOST_TEST(parseHeaders("a=").at(0).second.empty());
}

BOOST_AUTO_TEST_CASE(hostile_headers_are_refused_without_showing_values) {
  const std::string secret = "TOPSECRET";
  for (const std::string& bad :
       {std::string("novalue") + secret, std::string("=") + secret, std::string("a b=") + secret,
        std::string("k=") + secret + "%zz", std::string("k=") + secret + "%0a", std::string("k=") + secret + "%",
        std::string("k=") + secret + std::string(1, '\0'), std::string("k=") + secret + "\r\nX-Evil: 1",
        std::string("k=") + secret + std::string(10000, 'x'), std::string("k'; DROP TABLE jobs;--=") + secret}) {
    const std::string message = invalidMessage([&] { parseHeaders(bad); });
    BOOST_TEST(!message.empty(), "accepted: " << bad.substr(0, 40));
    BOOST_TEST(message.find("OTEL_EXPORTER_OTLP_HEADERS") != std::string::npos);
    BOOST_TEST(message.find(secret) == std::string::npos, message);
  }
}

BOOST_AUTO_TEST_CASE(urls_are_shown_without_query_or_fragment) {
  BOOST_TEST(shownUrl("https://c.example:4318/v1/traces?api_key=SECRET") == "https://c.example:4318/v1/traces");
  BOOST_TEST(shownUrl("http://c/v1/metrics#k=SECRET") == "http://c/v1/metrics");
  BOOST_TEST(shownUrl("http://c:4318/v1/traces") == "http://c:4318/v1/traces");
}

BOOST_AUTO_TEST_CASE(endpoints_get_the_signal_path_and_signal_endpoints_are_used_as_is) {
  BOOST_TEST(signalUrl("http://localhost:4318", "/v1/traces", "K") == "http://localhost:4318/v1/traces");
  BOOST_TEST(signalUrl("https://otel.example.com/base/", "/v1/metrics", "K") ==
             "https://otel.example.com/base/v1/metrics");
  BOOST_TEST(exactUrl("http://c:4318/custom", "K") == "http://c:4318/custom");
  for (const std::string& bad : {std::string(), std::string("localhost:4318"), std::string("ftp://x/"),
                                 std::string("http://"), std::string("http://user:pw@host/"),
                                 std::string("http://a\0b/", 11), std::string("http://" + std::string(5000, 'a')),
                                 std::string("' OR 1=1 --")}) {
    const std::string message = invalidMessage([&] { signalUrl(bad, "/v1/traces", "OTEL_EXPORTER_OTLP_ENDPOINT"); });
    BOOST_TEST(message.find("OTEL_EXPORTER_OTLP_ENDPOINT") != std::string::npos, "accepted: " << bad.substr(0, 40));
    BOOST_TEST(message.find("pw@") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(disabled_by_default) {
  mfx::testing::FakeHost host;
  host.setConfig("OTEL_EXPORTER_OTLP_ENDPOINT", "not even a url");  // not read when disabled
  BOOST_TEST(!read(host).enabled);
}

BOOST_AUTO_TEST_CASE(every_key_is_read) {
  mfx::testing::FakeHost host;
  host.setConfig("OTEL_ENABLED", "true");
  host.setConfig("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/");
  host.setConfig("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://metrics:9090/otlp/v1/metrics");
  host.setConfig("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20abc");
  host.setConfig("OTEL_EXPORTER_OTLP_TIMEOUT", "2500");
  host.setConfig("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json");
  host.setConfig("OTEL_SERVICE_NAME", "mfx-prod");
  host.setConfig("OTEL_METRIC_EXPORT_INTERVAL", "15000");
  host.setConfig("OTEL_BSP_MAX_QUEUE_SIZE", "64");
  host.setConfig("open_jobs_max", "100");
  host.setConfig("max_attempts", "3");
  const OtelSettings s = read(host);
  BOOST_TEST(s.enabled);
  BOOST_TEST(s.tracesUrl == "http://collector:4318/v1/traces");
  BOOST_TEST(s.metricsUrl == "http://metrics:9090/otlp/v1/metrics");
  BOOST_REQUIRE_EQUAL(s.headers.size(), 1u);
  BOOST_TEST(s.headers[0].second == "Bearer abc");
  BOOST_TEST(s.timeout.count() == 2500);
  BOOST_TEST(s.serviceName == "mfx-prod");
  BOOST_TEST(s.exportInterval.count() == 15000);
  BOOST_TEST(s.queueSize == 64u);
  BOOST_TEST(s.maxOpenJobs == 100u);
  BOOST_TEST(s.maxAttempts == 3);
  BOOST_TEST(!s.hostName.empty());
}

BOOST_AUTO_TEST_CASE(bad_values_name_their_key) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"OTEL_ENABLED", "maybe"},
      {"OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"},
      {"OTEL_EXPORTER_OTLP_TIMEOUT", "-1"},
      {"OTEL_EXPORTER_OTLP_TIMEOUT", "10s"},
      {"OTEL_METRIC_EXPORT_INTERVAL", "0"},
      {"OTEL_BSP_MAX_QUEUE_SIZE", "99999999999999999999"},
      {"OTEL_BSP_MAX_QUEUE_SIZE", ""},
      {"open_jobs_max", "1; DROP TABLE job"},
      {"max_attempts", "0"},
      {"OTEL_SERVICE_NAME", ""},
      {"OTEL_SERVICE_NAME", std::string("a\0b", 3)},
      {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "collector:4318"},
  };
  for (const auto& [key, value] : cases) {
    mfx::testing::FakeHost host;
    host.setConfig("OTEL_ENABLED", "true");
    host.setConfig(key, value);
    const std::string message = invalidMessage([&] { read(host); });
    BOOST_TEST(message.find(key) != std::string::npos, key << "=" << value << " gave '" << message << "'");
  }
}

BOOST_AUTO_TEST_SUITE_END()
