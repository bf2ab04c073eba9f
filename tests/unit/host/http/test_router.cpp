// Router: method + path template + MultiFlexi's format suffix, and what is
// answered when nothing fits — also for paths an attacker writes.
#define BOOST_TEST_MODULE http
#include <boost/test/unit_test.hpp>

#include "http/Router.h"

namespace MultiFlexi {
std::ostream& operator<<(std::ostream& out, RouteMatch::Outcome outcome) { return out << static_cast<int>(outcome); }
}  // namespace MultiFlexi

using namespace MultiFlexi;
using Outcome = RouteMatch::Outcome;

namespace {

std::string name(ResponseFormat f) { return formatName(f); }

ApiRoute route(const std::string& method, const std::string& path, bool suffix = true) {
  return ApiRoute{method, path, suffix, true, path, [](Catalog&, const ApiRequest&) { return ApiResponse{}; }};
}

Router table() {
  return Router({route("GET", "/jobs"), route("GET", "/job/{jobId}"), route("POST", "/job/{jobId}"),
                 route("GET", "/job/status"), route("POST", "/job/", false), route("GET", "/openapi.json", false)});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(router)

BOOST_AUTO_TEST_CASE(a_template_matches_with_its_parameters_and_suffix) {
  const Router r = table();
  RouteMatch m = r.match("GET", "/job/5.json");
  BOOST_REQUIRE(m.outcome == Outcome::Found);
  BOOST_TEST(m.route->path == "/job/{jobId}");
  BOOST_TEST(m.parameters.at("jobId") == "5");
  BOOST_TEST(name(m.format) == "json");
  m = r.match("GET", "/job/5.yaml");
  BOOST_TEST(name(m.format) == "yaml");
  BOOST_TEST(name(r.match("GET", "/jobs.xml").format) == "xml");
  BOOST_TEST(name(r.match("GET", "/jobs.html").format) == "html");
  m = r.match("GET", "/job/5");  // no suffix: JSON
  BOOST_REQUIRE(m.outcome == Outcome::Found);
  BOOST_TEST(name(m.format) == "json");
  BOOST_TEST(r.match("POST", "/job/5.json").route->method == "POST");
  BOOST_TEST(r.match("GET", "/openapi.json").outcome == Outcome::Found);
}

BOOST_AUTO_TEST_CASE(a_literal_segment_wins_over_a_parameter) {
  const Router r = table();  // the match points into it
  const RouteMatch m = r.match("GET", "/job/status.json");
  BOOST_REQUIRE(m.outcome == Outcome::Found);
  BOOST_TEST(m.route->path == "/job/status");
}

BOOST_AUTO_TEST_CASE(another_suffix_is_406_naming_it) {
  const Router r = table();  // the match points into it
  const RouteMatch m = r.match("GET", "/job/5.exe");
  BOOST_TEST(m.outcome == Outcome::NotAcceptable);
  BOOST_TEST(m.detail == "exe");
  BOOST_TEST(formatsServed() == "json, yaml, xml, html");
}

BOOST_AUTO_TEST_CASE(another_method_is_405_with_the_methods_the_path_takes) {
  const Router r = table();  // the match points into it
  const RouteMatch m = r.match("DELETE", "/job/5.json");
  BOOST_TEST(m.outcome == Outcome::MethodNotAllowed);
  BOOST_TEST(m.allow == "GET, POST");
}

BOOST_AUTO_TEST_CASE(one_trailing_slash_is_ignored) {
  const Router r = table();
  BOOST_TEST(r.match("POST", "/job/").outcome == Outcome::Found);
  BOOST_TEST(r.match("POST", "/job").outcome == Outcome::Found);
  BOOST_TEST(r.match("GET", "/jobs.json/").outcome == Outcome::Found);
  BOOST_TEST(r.match("GET", "/jobs.json//").outcome == Outcome::NotFound);
}

BOOST_AUTO_TEST_CASE(hostile_paths_match_nothing) {
  const Router r = table();
  for (const std::string path :
       {"/job/../jobs.json", "/job/..", "/job/%2e%2e", "/job/.", "//jobs.json", "/job//5.json", "/job/5%00.json",
        "/job/%00", "/jobs.json%00", "", "jobs.json", "/JOBS.json", "/job/5/6.json", "/j\xc3\xb6" "bs.json"})
    BOOST_TEST((r.match("GET", path).outcome == Outcome::NotFound), path);
  BOOST_TEST((r.match("GET", "/job/%zz.json").outcome == Outcome::BadPath));
  const std::string longPath = "/job/" + std::string(100000, '9') + ".json";
  const RouteMatch m = r.match("GET", longPath);  // matched as any id; the handler refuses it
  BOOST_REQUIRE(m.outcome == Outcome::Found);
  BOOST_TEST(m.parameters.at("jobId").size() == 100000u);
  BOOST_TEST(r.match("GET", "/" + std::string(100000, 'a')).outcome == Outcome::NotFound);
}

BOOST_AUTO_TEST_CASE(parameters_are_decoded_per_segment) {
  const Router r = table();
  RouteMatch m = r.match("GET", "/job/a%2Fb.json");
  BOOST_REQUIRE(m.outcome == Outcome::Found);
  BOOST_TEST(m.parameters.at("jobId") == "a/b");
  m = r.match("GET", "/job/%C5%BElu%C5%A5.json");  // unicode passes as UTF-8
  BOOST_TEST(m.parameters.at("jobId") == "\xc5\xbelu\xc5\xa5");
  m = r.match("GET", "/job/1%27%20OR%201%3D1.json");
  BOOST_TEST(m.parameters.at("jobId") == "1' OR 1=1");
}

BOOST_AUTO_TEST_SUITE_END()
