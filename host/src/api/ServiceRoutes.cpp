// The service routes: ping and the index of every operation.
#include "api/ApiRoutes.h"

namespace MultiFlexi {

namespace {

OrderedJson describe(const ApiRoute& route) {
  OrderedJson entry = OrderedJson::object();
  entry["method"] = route.method;
  entry["path"] = std::string(kApiBasePath) + route.path + (route.suffix ? ".json" : "");
  entry["summary"] = route.summary;
  entry["authenticated"] = route.authenticated;
  return entry;
}

}  // namespace

std::vector<ApiRoute> serviceRoutes(const std::vector<ApiRoute>& all) {
  ApiRoute ping{"GET", "/ping", true, false, "Answers pong: the server is up", {}};
  ping.handler = [](Catalog&, const ApiRequest&) {
    ApiResponse out;
    out.body = OrderedJson::array({OrderedJson{{"ping", "pong"}}});
    return out;
  };
  ApiRoute index{"GET", "/index", true, false, "Every operation: method, path and summary", {}};
  OrderedJson listing = OrderedJson::array();
  listing.push_back(describe(ping));
  listing.push_back(describe(index));
  for (const ApiRoute& route : all) listing.push_back(describe(route));
  index.handler = [listing](Catalog&, const ApiRequest&) {
    ApiResponse out;
    out.body = listing;
    return out;
  };
  return {ping, index};
}

}  // namespace MultiFlexi
