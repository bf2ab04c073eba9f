// The service routes: ping answers pong, the index lists every route.
#include <boost/test/unit_test.hpp>

#include "TempDir.h"
#include "api/ApiRoutes.h"
#include "catalog/Catalog.h"

#include <set>
#include <string>

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(service_routes)

BOOST_AUTO_TEST_CASE(ping_and_index_are_public_and_index_lists_every_route) {
  const std::vector<ApiRoute> routes = apiRoutes(ApiEnvironment{});
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

BOOST_AUTO_TEST_CASE(the_table_has_one_route_per_method_and_path_and_the_document_describes_each) {
  const std::vector<ApiRoute> routes = apiRoutes(ApiEnvironment{});
  std::set<std::string> seen;
  const ApiRoute* document = nullptr;
  for (const ApiRoute& r : routes) {
    BOOST_TEST(seen.insert(r.method + " " + r.path).second, r.method << " " << r.path << " twice");
    BOOST_TEST(static_cast<bool>(r.handler), r.method << " " << r.path << " has no handler");
    if (r.path == "/openapi.json") document = &r;
  }
  BOOST_REQUIRE(document != nullptr);
  Testing::TempDir dir;
  const auto catalog = Catalog::open(dir.file("multiflexi.db"), dir.file("multiflexi.key"), true, CatalogHost{});
  const OrderedJson paths = document->handler(*catalog, ApiRequest{}).body["paths"];
  std::size_t operations = 0;
  for (const auto& [path, methods] : paths.items()) operations += methods.size();
  BOOST_TEST(operations == routes.size());
}

BOOST_AUTO_TEST_SUITE_END()
