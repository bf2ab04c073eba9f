// A job's W3C trace ids: well formed, stable for the same job, different
// for another job (or the same id re-created), and in the job's environment.
#include <boost/test/unit_test.hpp>

#include "domain/JobEnvironment.h"
#include "domain/JobTrace.h"

#include <regex>

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(job_trace)

BOOST_AUTO_TEST_CASE(ids_are_lowercase_hex_of_w3c_length_and_stable) {
  const JobTrace t = jobTrace(42, 1'765'101'599'000);
  BOOST_TEST(std::regex_match(t.traceId, std::regex("[0-9a-f]{32}")));
  BOOST_TEST(std::regex_match(t.spanId, std::regex("[0-9a-f]{16}")));
  BOOST_TEST(std::regex_match(t.runSpanId, std::regex("[0-9a-f]{16}")));
  BOOST_TEST(t.spanId != t.runSpanId);
  BOOST_TEST(t.traceId.substr(0, 16) != t.spanId);
  const JobTrace again = jobTrace(42, 1'765'101'599'000);
  BOOST_TEST(again.traceId == t.traceId);
  BOOST_TEST(again.spanId == t.spanId);
  BOOST_TEST(again.runSpanId == t.runSpanId);
  BOOST_TEST(jobTrace(43, 1'765'101'599'000).traceId != t.traceId);
  BOOST_TEST(jobTrace(42, 1'765'101'599'001).traceId != t.traceId);  // a re-created id is another trace
  BOOST_TEST(t.traceparent() == "00-" + t.traceId + "-" + t.runSpanId + "-01");
}

BOOST_AUTO_TEST_CASE(extreme_inputs_still_give_valid_ids) {
  for (int64_t id : {int64_t(0), int64_t(-1), INT64_MAX, INT64_MIN}) {
    const JobTrace t = jobTrace(id, id);
    BOOST_TEST(t.traceId != std::string(32, '0'));
    BOOST_TEST(t.spanId.size() == 16u);
  }
}

BOOST_AUTO_TEST_CASE(the_job_gets_its_traceparent) {
  Application app;
  app.name = "a";
  Company company;
  company.slug = "c";
  RunTemplate t;
  JobFacts facts;
  facts.jobId = 42;
  facts.traceparent = jobTrace(42, 1).traceparent();
  const JobEnvironment env = jobEnvironment(app, company, t, facts, {});
  BOOST_REQUIRE(env.valueOf("TRACEPARENT"));
  BOOST_TEST(*env.valueOf("TRACEPARENT") == facts.traceparent);
  BOOST_TEST(!env.values().at("TRACEPARENT").secret);
  facts.traceparent.clear();
  BOOST_TEST(!jobEnvironment(app, company, t, facts, {}).valueOf("TRACEPARENT"));
}

BOOST_AUTO_TEST_SUITE_END()
