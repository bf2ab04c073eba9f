// GET /apps and GET /app/{appId}: global records any caller reads, in
// MultiFlexi's App shape.
#include <boost/test/unit_test.hpp>

#include "ApiFixture.h"
#include "api/AppRoutes.h"
#include "common/Exceptions.h"
#include "manifest/ManifestCodec.h"
#include "manifest/ManifestValidator.h"

#include <set>

using namespace MultiFlexi;
using MultiFlexi::Testing::ApiFixture;
using MultiFlexi::Testing::thrown;

BOOST_AUTO_TEST_SUITE(app_routes)

BOOST_FIXTURE_TEST_CASE(apps_are_listed_keyed_by_id_for_any_caller, ApiFixture) {
  const auto routes = appRoutes();
  const ApiResponse all = call(routes, "GET", "/apps", request(member(acme, CompanyRole::Viewer)));
  BOOST_TEST(all.body.size() == 1u);
  const OrderedJson& app = all.body[std::to_string(appId)];
  BOOST_TEST(app["requirements"].is_string());  // comma-separated, as MultiFlexi's App
  BOOST_TEST(app["tags"].is_string());
  BOOST_TEST(app["DatCreate"].get<std::string>().back() == 'Z');
  conforms("GET", "/apps.{suffix}", 200, all.body);

  const ApiResponse one = call(routes, "GET", "/app/{appId}", request(admin(), {{"appId", std::to_string(appId)}}));
  BOOST_TEST(one.body["id"] == appId);
  conforms("GET", "/app/{appId}.{suffix}", 200, one.body);

  BOOST_CHECK_THROW(call(routes, "GET", "/app/{appId}", request(admin(), {{"appId", "9999"}})), NotFoundException);
  BOOST_TEST(thrown<ValidationException>([&] { call(routes, "GET", "/app/{appId}", request(admin(), {{"appId", "0"}})); })
                 .field() == "appId");
  BOOST_TEST(thrown<ValidationException>([&] { call(routes, "GET", "/apps", request(admin(), {}, {{"order", "-id"}})); })
                 .field() == "order");
  BOOST_TEST(call(routes, "GET", "/apps", request(admin(), {}, {{"offset", "1"}})).body.empty());
  BOOST_CHECK_THROW(call(routes, "GET", "/apps", request(std::nullopt)), UnauthorizedException);
}

BOOST_FIXTURE_TEST_CASE(the_manifest_route_answers_what_export_json_writes_and_it_imports_back, ApiFixture) {
  const auto routes = appRoutes();
  const std::map<std::string, std::string> path = {{"appId", std::to_string(appId)}};
  const ApiResponse r = call(routes, "GET", "/app/{appId}/manifest", request(member(beta, CompanyRole::Viewer), path));
  BOOST_TEST(r.status == 200);
  const Application app = catalog->applications().findById(appId).value();
  BOOST_TEST(r.body == manifestFromApplication(app));
  BOOST_TEST(r.body["environment"]["ACCOUNT_NUMBER"]["description"]["cs"] == "Číslo bankovního účtu");
  BOOST_TEST(r.body["environment"]["ACCOUNT_NUMBER"]["required"] == true);
  BOOST_TEST(r.body["requirements"].dump().find("MServer") != std::string::npos);
  BOOST_TEST(ManifestValidator(MFX_APP_SCHEMA).violations(r.body).empty());
  const ApiResponse back = call(routes, "POST", "/app/", request(admin(), {}, {}, r.body));
  BOOST_TEST(back.body["id"] == appId);
  BOOST_TEST(back.headers.at("X-MultiFlexi-Updated") == "true");

  BOOST_TEST(thrown<NotFoundException>([&] {
               call(routes, "GET", "/app/{appId}/manifest", request(admin(), {{"appId", "9999"}}));
             }).message() == "no application with id 9999");
  BOOST_TEST(thrown<ValidationException>([&] {
               call(routes, "GET", "/app/{appId}/manifest", request(admin(), {{"appId", "1 OR 1=1"}}));
             }).field() == "appId");
  BOOST_CHECK_THROW(call(routes, "GET", "/app/{appId}/manifest", request(std::nullopt, path)), UnauthorizedException);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(app_import_route)

BOOST_FIXTURE_TEST_CASE(the_admin_imports_a_manifest_and_bad_ones_name_the_json_path, ApiFixture) {
  const auto routes = appRoutes();
  const OrderedJson manifest = ManifestValidator::readJson(
      std::string(MFX_FIXTURES_DIR) +
      "/multiflexi/apps/Spoje-NET__pohoda-raiffeisenbank__pohoda-bank-transaction-report.app.json");
  const ApiResponse again = call(routes, "POST", "/app/", request(admin(), {}, {}, manifest));
  BOOST_TEST(again.status == 201);
  BOOST_TEST(again.body["id"] == appId);  // the same uuid: updated, not duplicated
  BOOST_TEST(again.headers.at("X-MultiFlexi-Updated") == "true");
  conforms("POST", "/app/", 201, again.body);

  const std::string before = digest();
  BOOST_CHECK_THROW(call(routes, "POST", "/app/", request(member(acme, CompanyRole::Editor), {}, {}, manifest)),
                    ForbiddenException);
  // A refused manifest answers with every violation, each by its JSON pointer.
  auto refused = [&](const OrderedJson& body) {
    const ApiResponse r = call(routes, "POST", "/app/", request(admin(), {}, {}, body));
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.body["status"] == "error");
    BOOST_TEST(r.body["code"] == "validation");
    BOOST_TEST(r.body["field"] == r.body["errors"][0]["path"]);
    BOOST_TEST(r.body["message"] == r.body["errors"][0]["message"]);
    return r.body;
  };
  OrderedJson bad = manifest;
  bad["executable"] = 5;
  BOOST_TEST(refused(bad)["field"] == "/executable");
  bad = manifest;
  bad["environment"] = {{"LD_PRELOAD", {{"type", "string"}, {"description", "x"}}}};
  BOOST_TEST(refused(bad)["field"] == "/environment/LD_PRELOAD");
  bad = manifest;
  bad["executable"] = 5;
  bad["environment"]["ACCOUNT_NUMBER"]["type"] = "no-such-type";
  const OrderedJson every = refused(bad);
  std::set<std::string> paths;
  for (const auto& e : every["errors"]) {
    paths.insert(e["path"].get<std::string>());
    BOOST_TEST(!e["message"].get<std::string>().empty());
  }
  BOOST_TEST(paths.count("/executable") == 1u, every.dump());
  BOOST_TEST(paths.count("/environment/ACCOUNT_NUMBER/type") == 1u, every.dump());
  bad = manifest;
  bad["environment"]["A/B~C"] = {{"type", "string"}};  // not a variable name: "/" and "~" escaped in the pointer
  BOOST_TEST(refused(bad)["field"] == "/environment/A~1B~0C");
  BOOST_TEST(thrown<ValidationException>([&] {
               call(routes, "POST", "/app/", request(admin(), {}, {}, OrderedJson::array()));
             }).field() == "body");
  bad = manifest;
  bad["name"] = std::string("x\0'; DROP TABLE application; --", 31);
  BOOST_TEST(thrown<ValidationException>([&] { call(routes, "POST", "/app/", request(admin(), {}, {}, bad)); }).field() ==
             "$.name");
  BOOST_TEST(digest() == before);
}

BOOST_AUTO_TEST_SUITE_END()
