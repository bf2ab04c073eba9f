// GET /cron/next (the rules of cron:next, bounded count) and GET /plugins
// (loaded and refused, files without their directory).
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "ApiFixture.h"
#include "api/CronRoutes.h"
#include "api/PluginRoutes.h"
#include "common/Exceptions.h"
#include "plugin/PluginRegistry.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::ApiFixture;
using MultiFlexi::Testing::thrown;

BOOST_AUTO_TEST_SUITE(cron_plugin_routes)

BOOST_FIXTURE_TEST_CASE(cron_next_lists_fire_times_in_a_zone, ApiFixture) {
  const auto routes = cronRoutes("Europe/Prague");
  auto next = [&](std::map<std::string, std::string> query) {
    return call(routes, "GET", "/cron/next", request(member(acme, CompanyRole::Viewer), {}, std::move(query)));
  };
  const ApiResponse five = next({{"expression", "30 2 * * *"}});
  BOOST_TEST(five.body["next"].size() == 5u);
  BOOST_TEST(five.body["timezone"] == "Europe/Prague");
  const std::string local = five.body["next"][0]["local"];
  BOOST_TEST(local.substr(11, 5) == "02:30");
  BOOST_TEST(next({{"expression", "0 * * * *"}, {"count", "100"}, {"timezone", "UTC"}}).body["next"].size() == 100u);
  BOOST_TEST(thrown<ValidationException>([&] { next({{"expression", "0 * * * *"}, {"count", "101"}}); }).field() == "count");
  BOOST_TEST(thrown<ValidationException>([&] { next({{"expression", "0 * * * *"}, {"count", "0"}}); }).field() == "count");
  BOOST_TEST(thrown<ValidationException>([&] { next({{"expression", "0 * * * *"}, {"count", "x"}}); }).field() == "count");
  BOOST_TEST(thrown<ValidationException>([&] { next({}); }).field() == "expression");
  BOOST_TEST(thrown<ValidationException>([&] { next({{"expression", "61 * * * *"}}); }).field() == "expression");
  BOOST_TEST(thrown<ValidationException>([&] { next({{"expression", "'; DROP TABLE job; --"}}); }).field() == "expression");
  BOOST_TEST(thrown<ValidationException>([&] { next({{"expression", std::string("0 *\0 * * *", 11)}}); }).field() ==
             "expression");
  BOOST_TEST(thrown<ValidationException>([&] { next({{"expression", "0 0 30 2 *"}}); }).field() == "expression");
  BOOST_TEST(thrown<ValidationException>([&] { next({{"expression", "0 * * * *"}, {"timezone", "Mars/Base"}}); })
                 .field() == "timezone");
  BOOST_CHECK_THROW(call(routes, "GET", "/cron/next", request(std::nullopt, {}, {{"expression", "0 * * * *"}})),
                    UnauthorizedException);
}

BOOST_FIXTURE_TEST_CASE(plugins_are_listed_loaded_or_refused, ApiFixture) {
  PluginRegistry registry(*config);
  registry.loadDirectory(MFX_PLUGIN_DIR);
  {
    std::ofstream broken(dir.file("broken.so"));
    broken << "not a shared object";
  }
  registry.loadDirectory(dir.path().string());
  const auto routes = pluginRoutes([&]() -> const PluginRegistry& { return registry; });
  const ApiResponse list = call(routes, "GET", "/plugins", request(member(acme, CompanyRole::Viewer)));
  bool native = false, refused = false;
  for (const auto& p : list.body) {
    BOOST_TEST(p["file"].get<std::string>().find('/') == std::string::npos);
    if (p["status"] == "loaded" && !p["components"].empty()) native = true;
    if (p["file"] == "broken.so") refused = p["status"] == "refused" && !p["reason"].get<std::string>().empty();
  }
  BOOST_TEST(native);
  BOOST_TEST(refused);
  BOOST_CHECK_THROW(call(routes, "GET", "/plugins", request(std::nullopt)), UnauthorizedException);
}

BOOST_AUTO_TEST_SUITE_END()
