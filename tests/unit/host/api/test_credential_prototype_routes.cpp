// GET /credential_prototypes and GET /credential_prototype/{id}: global
// records every authenticated caller reads, as credential-prototype:export-json
// writes them (localized texts in every language) plus their id.
#include <boost/test/unit_test.hpp>

#include "ApiFixture.h"
#include "Fixtures.h"
#include "api/CredentialPrototypeRoutes.h"
#include "catalog/CredentialCatalog.h"
#include "common/Exceptions.h"
#include "manifest/ManifestValidator.h"
#include "manifest/PrototypeCodec.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::ApiFixture;
using MultiFlexi::Testing::thrown;

namespace {
struct PrototypeApi : ApiFixture {
  std::vector<ApiRoute> routes = credentialPrototypeRoutes();
  int64_t sql = 0, fio = 0;
  PrototypeApi() {
    sql = save("VitexSoftware__php-vitexsoftware-multiflexi-core__test.credential-type.json");
    fio = save("VitexSoftware__php-vitexsoftware-multiflexi-core__fiobank.credprototype.json");
  }
  int64_t save(const std::string& name) {
    const std::string f = Testing::fixture("multiflexi/credential-prototypes/" + name);
    return catalog->credentials().importPrototype(prototypeFromJson(ManifestValidator::readJson(f), f)).id;
  }
  ApiResponse list(std::optional<Caller> caller, std::map<std::string, std::string> query = {}) {
    return call(routes, "GET", "/credential_prototypes", request(std::move(caller), {}, std::move(query)));
  }
  ApiResponse get(std::optional<Caller> caller, const std::string& id) {
    return call(routes, "GET", "/credential_prototype/{credentialPrototypeId}",
                request(std::move(caller), {{"credentialPrototypeId", id}}));
  }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(credential_prototype_routes)

BOOST_FIXTURE_TEST_CASE(any_caller_reads_the_prototypes_keyed_by_id_with_every_language, PrototypeApi) {
  const Caller viewer = member(beta, CompanyRole::Viewer);
  const ApiResponse all = list(viewer);
  BOOST_TEST(all.body.size() == 2u);
  const OrderedJson& one = all.body[std::to_string(fio)];
  BOOST_TEST(one["id"] == fio);
  const CredentialPrototype stored = catalog->credentials().prototype(PrototypeKey{fio, {}, {}});
  OrderedJson expected = prototypeToJson(stored);
  for (const auto& [key, value] : expected.items()) BOOST_TEST(one[key] == value, key);
  BOOST_TEST(get(viewer, std::to_string(sql)).body == all.body[std::to_string(sql)]);
  BOOST_TEST(get(viewer, std::to_string(sql)).body["fields"].size() == 5u);
  // Paging by code (FioBank before SQL).
  BOOST_TEST(list(viewer, {{"limit", "1"}}).body.contains(std::to_string(fio)));
  BOOST_TEST(list(viewer, {{"limit", "1"}, {"offset", "1"}}).body.contains(std::to_string(sql)));
  BOOST_TEST(list(viewer, {{"offset", "2"}}).body.empty());
}

BOOST_FIXTURE_TEST_CASE(prototype_routes_refuse_the_public_and_bad_parameters, PrototypeApi) {
  BOOST_CHECK_THROW(list(std::nullopt), UnauthorizedException);
  BOOST_CHECK_THROW(get(std::nullopt, std::to_string(sql)), UnauthorizedException);
  BOOST_TEST(thrown<NotFoundException>([&] { get(admin(), "999999"); }).message().find("999999") != std::string::npos);
  for (const std::string& id :
       {std::string("0"), std::string("-1"), std::string("x"), std::string("1 OR 1=1"), std::string("1\0", 2),
        std::string(70000, '9')})
    BOOST_TEST(thrown<ValidationException>([&] { get(admin(), id); }).field() == "credentialPrototypeId");
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"limit", "1000"}}); }).field() == "limit");
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"order", "-code"}}); }).field() == "order");
  BOOST_TEST(thrown<ValidationException>([&] { list(admin(), {{"order", "fields"}}); }).field() == "order");
}

BOOST_AUTO_TEST_SUITE_END()
