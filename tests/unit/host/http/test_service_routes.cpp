// The service routes: ping answers pong, the index lists every route.
#include <boost/test/unit_test.hpp>

#include "TempDir.h"
#include "api/ApiRoutes.h"
#include "catalog/Catalog.h"

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(service_routes)

BOOST_AUTO_TEST_CASE(ping_and_index_are_public_and_index_lists_every_route) {
  const std::vector<ApiRoute> routes = apiRoutes();
  const ApiRoute* ping = nullptr;
  const ApiRoute* index = nullptr;
  for (const ApiRoute& r : routes) {
    if (r.path == "/ping") ping = &r;
    if (r.path == "/index") index = &r;
  }
  BOOST_REQUIRE(ping != nullptr);
  BOOST_REQUIRE(index != nullptr);
  BOOST_TEST(!ping->authenticated);
  BOOST_TEST(!index->authenticated);
  Testing::TempDir dir;
  const auto catalog = Catalog::open(dir.file("multiflexi.db"), dir.file("multiflexi.key"), true, CatalogHost{});
  const ApiRequest request;
  BOOST_TEST(ping->handler(*catalog, request).body == OrderedJson::parse(R"([{"ping":"pong"}])"));
  const OrderedJson listing = index->handler(*catalog, request).body;
  BOOST_TEST(listing.size() == routes.size());
  BOOST_TEST(listing[0]["method"] == "GET");
  BOOST_TEST(listing[0]["path"] == std::string(kApiBasePath) + "/ping.json");
  for (const auto& entry : listing) BOOST_TEST(!entry["summary"].get<std::string>().empty());
}

BOOST_AUTO_TEST_SUITE_END()
