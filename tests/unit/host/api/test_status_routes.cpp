// GET /status and GET /jobs/status: public status without a caller (the
// driver's name, never the store's path), counts limited to what a caller sees.
#include <boost/test/unit_test.hpp>

#include "ApiFixture.h"
#include "api/StatusRoutes.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::ApiFixture;

BOOST_AUTO_TEST_SUITE(status_routes)

BOOST_FIXTURE_TEST_CASE(status_tells_the_public_no_path_and_callers_their_counts, ApiFixture) {
  const auto routes = statusRoutes([] { return std::string("running"); });
  const ApiResponse open = call(routes, "GET", "/status", request(std::nullopt));
  BOOST_TEST(open.body["database"] == "sqlite");
  BOOST_TEST(open.body["daemon"] == "running");
  BOOST_TEST(!open.body.contains("companies"));
  BOOST_TEST(open.body.dump().find(dir.path().string()) == std::string::npos);
  conforms("GET", "/status.{suffix}", 200, open.body);

  const ApiResponse all = call(routes, "GET", "/status", request(admin()));
  BOOST_TEST(all.body["companies"] == 2);
  BOOST_TEST(all.body["runtemplates"] == 2);
  const ApiResponse mine = call(routes, "GET", "/status", request(member(acme, CompanyRole::Viewer)));
  BOOST_TEST(mine.body["companies"] == 1);
  BOOST_TEST(mine.body["runtemplates"] == 1);
  BOOST_TEST(mine.body["apps"] == 1);
  conforms("GET", "/status.{suffix}", 200, mine.body);
  BOOST_TEST(call(statusRoutes(), "GET", "/status", request(std::nullopt)).body["daemon"] == "unknown");
}

BOOST_FIXTURE_TEST_CASE(jobs_status_counts_the_callers_companies_only, ApiFixture) {
  const auto routes = statusRoutes();
  const ApiResponse all = call(routes, "GET", "/jobs/status", request(admin()));
  BOOST_TEST(all.body.is_array());
  BOOST_TEST(all.body[0]["total_jobs"] == 2);
  BOOST_TEST(all.body[0]["incomplete_jobs"] == 2);
  conforms("GET", "/jobs/status.{suffix}", 200, all.body);
  const ApiResponse mine = call(routes, "GET", "/jobs/status", request(member(beta, CompanyRole::Viewer)));
  BOOST_TEST(mine.body[0]["total_jobs"] == 1);
  Caller nobody;
  nobody.name = "nobody";
  BOOST_TEST(call(routes, "GET", "/jobs/status", request(nobody)).body[0]["total_jobs"] == 0);
}

BOOST_AUTO_TEST_SUITE_END()
