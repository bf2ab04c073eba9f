// The harness that checks our bodies against MultiFlexi's OpenAPI document:
// it must reject what the document forbids, or the route tests prove nothing.
#include <boost/test/unit_test.hpp>

#include "OpenApiSchemas.h"

using MultiFlexi::Testing::multiFlexiOpenApi;

BOOST_AUTO_TEST_SUITE(openapi_schemas)

BOOST_AUTO_TEST_CASE(refs_are_resolved_and_nullable_becomes_a_type_list) {
  const auto schema = multiFlexiOpenApi().responseSchema("GET", "/runtemplate/{runTemplateId}.{suffix}", 200);
  BOOST_TEST(schema["properties"]["id"]["type"] == "integer");
  BOOST_TEST(schema["properties"]["cron"]["anyOf"][0]["type"] == "null");
  BOOST_TEST(!schema.contains("$ref"));
  BOOST_CHECK_THROW(multiFlexiOpenApi().responseSchema("GET", "/nothing", 200), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(mismatching_bodies_are_reported) {
  const auto& doc = multiFlexiOpenApi();
  BOOST_TEST(doc.problems("GET", "/job/{jobId}.{suffix}", 200, {{"id", 1}, {"exitcode", 0}}).empty());
  BOOST_TEST(!doc.problems("GET", "/job/{jobId}.{suffix}", 200, {{"id", "1"}}).empty());
  BOOST_TEST(!doc.problems("GET", "/job/{jobId}.{suffix}", 200, {{"exitcode", nullptr}}).empty());  // not nullable
  BOOST_TEST(doc.problems("GET", "/runtemplate/{runTemplateId}.{suffix}", 200, {{"cron", nullptr}}).empty());
  BOOST_TEST(!doc.problems("GET", "/runtemplate/{runTemplateId}.{suffix}", 200, {{"interv", "q"}}).empty());
  BOOST_TEST(!doc.problems("GET", "/apps.{suffix}", 200, {{"1", {{"requirements", nlohmann::json::array()}}}}).empty());
  BOOST_TEST(!doc.problems("GET", "/companies.{suffix}", 200, nlohmann::json::object()).empty());
  BOOST_TEST(!doc.problems("GET", "/jobs/status.{suffix}", 200, {{"total_jobs", 1}}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
