// OtlpJson: request bodies that follow the OTLP JSON rules, and partialSuccess.
#include <boost/test/unit_test.hpp>

#include "JobEvents.h"
#include "OtlpJson.h"
#include "OtlpReceiver.h"

using namespace mfx::otel;
using namespace mfx::otel::testing;
using nlohmann::json;

namespace {

const Resource kResource{"multiflexi", "0.1.0", "box"};

std::vector<SpanData> twoSpans() {
  SpanData job = testSpan(kSpanId);
  job.startNs = 1796637600000000000;
  job.endNs = 1796637605000000000;
  job.attributes = {{"multiflexi.job.id", int64_t{42}}, {"multiflexi.company.code", std::string("ACME")},
                    {"ratio", 0.5}, {"flag", true}, {"bad.utf8", std::string("\xff\xfe")}};
  job.status = SpanStatus::Error;
  job.statusMessage = "job failed, exit code 3";
  SpanData run = job;
  run.spanId = kRunSpanId;
  run.parentSpanId = kSpanId;
  run.name = "multiflexi.job.run";
  return {job, run};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(otlp_json)

BOOST_AUTO_TEST_CASE(traces_follow_the_otlp_json_rules) {
  const json body = json::parse(encodeTraces(kResource, "0.1.0", twoSpans()));
  const auto violations = otlpViolations("/v1/traces", body);
  BOOST_TEST(violations.empty(), (violations.empty() ? "" : violations.front()));
  const json& span = body["resourceSpans"][0]["scopeSpans"][0]["spans"][1];
  BOOST_TEST(span["traceId"] == kTraceId);
  BOOST_TEST(span["parentSpanId"] == kSpanId);
  BOOST_TEST(span["startTimeUnixNano"] == "1796637600000000000");
  BOOST_TEST(span["kind"] == 1);
  BOOST_TEST(span["status"]["code"] == 2);
  BOOST_TEST(span["status"]["message"] == "job failed, exit code 3");
  BOOST_TEST(attributeOf(span["attributes"], "multiflexi.job.id") == json({{"intValue", "42"}}));
  BOOST_TEST(attributeOf(span["attributes"], "ratio") == json({{"doubleValue", 0.5}}));
  BOOST_TEST(attributeOf(span["attributes"], "flag") == json({{"boolValue", true}}));
  BOOST_TEST(!body["resourceSpans"][0]["scopeSpans"][0]["spans"][0].contains("parentSpanId"));
  const json& resource = body["resourceSpans"][0]["resource"]["attributes"];
  BOOST_TEST(attributeOf(resource, "service.name") == json({{"stringValue", "multiflexi"}}));
  BOOST_TEST(body["resourceSpans"][0]["scopeSpans"][0]["scope"]["name"] == kScopeName);
}

BOOST_AUTO_TEST_CASE(metrics_follow_the_otlp_json_rules) {
  MetricsBatch b;
  b.startNs = 1;
  b.timeNs = 2;
  b.total = {{{{"app_id", int64_t{7}}}, 5}};
  b.failed = {{{{"exitcode", int64_t{3}}}, 1}};
  b.duration = {{{{"app_id", int64_t{7}}}, 2, 3.5, 1.0, 2.5, std::vector<uint64_t>(kDurationBounds.size() + 1, 0)}};
  b.duration[0].bucketCounts[1] = 2;
  b.gauges = {{"multiflexi.jobs.running", 4}};
  b.gaugeTimeNs = 3;
  const json body = json::parse(encodeMetrics(kResource, "0.1.0", b));
  const auto violations = otlpViolations("/v1/metrics", body);
  BOOST_TEST(violations.empty(), (violations.empty() ? "" : violations.front()));
  const json& metrics = body["resourceMetrics"][0]["scopeMetrics"][0]["metrics"];
  BOOST_REQUIRE_EQUAL(metrics.size(), 4u);  // success is empty: not sent
  BOOST_TEST(metrics[0]["name"] == "multiflexi.jobs.total");
  BOOST_TEST(metrics[0]["unit"] == "jobs");
  BOOST_TEST(metrics[0]["sum"]["aggregationTemporality"] == 1);
  BOOST_TEST(metrics[0]["sum"]["isMonotonic"] == true);
  BOOST_TEST(metrics[0]["sum"]["dataPoints"][0]["asInt"] == "5");
  BOOST_TEST(metrics[2]["name"] == "multiflexi.job.duration");
  BOOST_TEST(metrics[2]["unit"] == "s");
  BOOST_TEST(metrics[2]["histogram"]["dataPoints"][0]["count"] == "2");
  BOOST_TEST(metrics[2]["histogram"]["dataPoints"][0]["bucketCounts"][1] == "2");
  BOOST_TEST(metrics[2]["histogram"]["dataPoints"][0]["explicitBounds"].size() == kDurationBounds.size());
  BOOST_TEST(metrics[3]["gauge"]["dataPoints"][0]["asInt"] == "4");
  BOOST_TEST(metrics[3]["gauge"]["dataPoints"][0]["timeUnixNano"] == "3");
}

BOOST_AUTO_TEST_CASE(partial_success_is_read_and_garbage_is_full_success) {
  PartialSuccess p = readPartialSuccess(R"({"partialSuccess":{"rejectedSpans":"3","errorMessage":"too old"}})");
  BOOST_TEST(p.rejected == 3);
  BOOST_TEST(p.message == "too old");
  p = readPartialSuccess(R"({"partialSuccess":{"rejectedDataPoints":2}})");
  BOOST_TEST(p.rejected == 2);
  for (std::string body : {std::string(), std::string("{}"), std::string("not json"), std::string("[1,2]"),
                           std::string(R"({"partialSuccess":"x"})"),
                           std::string(R"({"partialSuccess":{"rejectedSpans":"lots"}})"),
                           std::string("{\"partialSuccess\":\0}", 19), std::string(100000, '{')}) {
    p = readPartialSuccess(body);
    BOOST_TEST(p.rejected == 0);
  }
  p = readPartialSuccess(json{{"partialSuccess", {{"errorMessage", std::string(5000, 'x')}}}}.dump());
  BOOST_TEST(p.message.size() == 512u);
}

BOOST_AUTO_TEST_SUITE_END()
