// Our OpenAPI document, built from the route table: every route with its
// parameters and security, and a document our own schema harness can read.
#include <boost/test/unit_test.hpp>

#include "../catalog/CatalogFixture.h"
#include "OpenApiSchemas.h"
#include "TempDir.h"
#include "api/AppRoutes.h"
#include "api/CompanyRoutes.h"
#include "api/CredentialRoutes.h"
#include "api/CronRoutes.h"
#include "api/JobOutputRoutes.h"
#include "api/JobRoutes.h"
#include "api/OpenApiDocument.h"
#include "api/RunTemplateRoutes.h"
#include "api/StatusRoutes.h"

#include <fstream>

using namespace MultiFlexi;

namespace {
std::vector<ApiRoute> table() {
  std::vector<ApiRoute> all;
  for (auto group : {appRoutes(), jobRoutes(), runTemplateRoutes(), companyRoutes(), credentialRoutes(),
                     statusRoutes(), jobOutputRoutes(), cronRoutes()})
    all.insert(all.end(), group.begin(), group.end());
  return all;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(open_api_document)

BOOST_FIXTURE_TEST_CASE(every_route_is_documented_with_its_parameters_and_security, MultiFlexi::Testing::CatalogFixture) {
  std::vector<ApiRoute> routes = table();
  routes.push_back(openApiRoute([&routes]() -> const std::vector<ApiRoute>& { return routes; }));
  const ApiResponse served = routes.back().handler(*catalog, ApiRequest());
  const OrderedJson& doc = served.body;
  BOOST_TEST(doc["openapi"] == "3.0.3");
  BOOST_TEST(doc["servers"][0]["url"] == kApiBasePath);
  std::size_t operations = 0;
  for (const auto& [path, methods] : doc["paths"].items()) operations += methods.size();
  BOOST_TEST(operations == routes.size());

  const OrderedJson& job = doc["paths"]["/job/{jobId}.{suffix}"]["get"];
  BOOST_TEST(job["parameters"][0]["name"] == "jobId");
  BOOST_TEST(job["parameters"][0]["schema"]["type"] == "integer");
  BOOST_TEST(job["parameters"][1]["name"] == "suffix");
  BOOST_TEST(job["security"].size() == 2u);
  BOOST_TEST(doc["paths"]["/job/"]["post"]["parameters"].empty());  // no suffix on MultiFlexi's POST /job/
  BOOST_TEST(doc["paths"]["/openapi.json"]["get"]["security"].empty());
  BOOST_TEST(!routes.back().suffix);
  BOOST_TEST(!routes.back().authenticated);
  BOOST_TEST(doc["paths"]["/status.{suffix}"]["get"]["security"].empty());
  BOOST_TEST(doc["paths"]["/runtemplate/{runTemplateId}.{suffix}"].contains("post"));
  BOOST_TEST(doc["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer");
}

BOOST_AUTO_TEST_CASE(the_document_reads_back_and_describes_the_error_body) {
  MultiFlexi::Testing::TempDir dir;
  const std::string file = dir.file("openapi.yaml");  // JSON is YAML
  std::ofstream(file) << openApiDocument(table()).dump(2);
  const MultiFlexi::Testing::OpenApiSchemas ours(file);
  BOOST_TEST(ours.problems("GET", "/jobs.{suffix}", 400, {{"code", "validation"}, {"field", "limit"}, {"message", "x"}})
                 .empty());
  BOOST_TEST(!ours.problems("GET", "/jobs.{suffix}", 400, {{"field", "limit"}}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
