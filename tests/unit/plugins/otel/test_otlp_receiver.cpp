// The test receiver's rules catch what they must: a receiver that accepts
// everything would make the plugin's tests meaningless.
#include <boost/test/unit_test.hpp>

#include "JobEvents.h"
#include "OtlpJson.h"
#include "OtlpReceiver.h"

using namespace mfx::otel;
using namespace mfx::otel::testing;
using nlohmann::json;

namespace {

json goodTraces() {
  return json::parse(encodeTraces(Resource{"multiflexi", "0.1.0", "box"}, "0.1.0",
                                  {testSpan(kSpanId), testSpan(kRunSpanId, kSpanId)}));
}

json& firstSpan(json& body, std::size_t i = 0) { return body["resourceSpans"][0]["scopeSpans"][0]["spans"][i]; }

}  // namespace

BOOST_AUTO_TEST_SUITE(otlp_receiver_rules)

BOOST_AUTO_TEST_CASE(good_traces_pass) { BOOST_TEST(otlpViolations("/v1/traces", goodTraces()).empty()); }

BOOST_AUTO_TEST_CASE(each_broken_rule_is_reported) {
  std::vector<std::function<void(json&)>> breakers = {
      [](json& b) { firstSpan(b)["trace_id"] = kTraceId; },                        // snake_case
      [](json& b) { firstSpan(b)["traceId"] = "S/kvNXezTaajzpKdDg5HNg=="; },       // base64
      [](json& b) { firstSpan(b)["traceId"] = "4BF92F3577B34DA6A3CE929D0E0E4736"; },  // upper case
      [](json& b) { firstSpan(b)["spanId"] = "00f067aa0ba902"; },                  // short
      [](json& b) { firstSpan(b)["startTimeUnixNano"] = 1; },                      // number
      [](json& b) { firstSpan(b)["kind"] = "SPAN_KIND_INTERNAL"; },                // enum as name
      [](json& b) { firstSpan(b, 1)["parentSpanId"] = "1111111111111111"; },       // orphan
      [](json& b) { firstSpan(b, 1)["traceId"] = "11111111111111111111111111111111"; },  // other trace
      [](json& b) { b["resourceSpans"][0]["resource"]["attributes"] = json::array(); },
      [](json& b) { firstSpan(b)["endTimeUnixNano"] = "0"; },                      // ends before start
  };
  for (std::size_t i = 0; i < breakers.size(); ++i) {
    json body = goodTraces();
    breakers[i](body);
    BOOST_TEST(!otlpViolations("/v1/traces", body).empty(), "breaker " << i);
  }
  BOOST_TEST(!otlpViolations("/v1/traces", json::array()).empty());
  BOOST_TEST(!otlpViolations("/v1/logs", goodTraces()).empty());
}

BOOST_AUTO_TEST_SUITE_END()
