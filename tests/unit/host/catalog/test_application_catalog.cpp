// Applications through the rule layer: MultiFlexi's real manifests imported,
// checked, looked up and deleted.
#include <boost/test/unit_test.hpp>

#include "CatalogFixture.h"
#include "catalog/ApplicationCatalog.h"

#include <fstream>
#include <set>

using namespace MultiFlexi;
using MultiFlexi::Testing::thrown;

namespace {
const std::string kApps = std::string(MFX_FIXTURES_DIR) + "/multiflexi/apps";
}  // namespace

BOOST_FIXTURE_TEST_CASE(a_directory_of_real_manifests_imports_and_each_is_found, MultiFlexi::Testing::CatalogFixture) {
  const auto reports = catalog->applications().importPath(kApps);
  BOOST_TEST(reports.size() > 3u);
  std::set<int64_t> imported;  // two manifests of one application update it
  for (const auto& r : reports) {
    if (!r.imported) continue;
    imported.insert(r.applicationId);
    const Application byId = catalog->applications().get({r.applicationId, {}, {}});
    BOOST_TEST(byId.name == r.name);
    if (byId.uuid) {
      BOOST_TEST(catalog->applications().get({{}, byId.uuid, {}}).id == r.applicationId);
      BOOST_TEST(catalog->applications().idOfUuid("app_uuid", *byId.uuid) == r.applicationId);
    }
  }
  BOOST_TEST(imported.size() == catalog->applications().list(1000, 0).size());
}

BOOST_FIXTURE_TEST_CASE(bad_input_names_what_is_wrong, MultiFlexi::Testing::CatalogFixture) {
  const std::string bad = dir.file("bad.app.json");
  std::ofstream(bad) << R"({"name": "x"})";
  BOOST_CHECK_THROW(catalog->applications().check(bad), ManifestException);
  BOOST_CHECK_THROW(catalog->applications().importPath(bad), ManifestException);
  BOOST_TEST(catalog->applications().list(10, 0).empty());
  const auto e = thrown<ValidationException>([&] { catalog->applications().idOfUuid("app_uuid", "nope"); });
  BOOST_TEST(e.field() == "app_uuid");
  BOOST_TEST(thrown<NotFoundException>([&] { catalog->applications().get({{}, {}, std::string("nope")}); })
                 .message() == "no application with name 'nope'");
  BOOST_TEST(thrown<ValidationException>([&] { catalog->applications().get({}); }).field() == "id");
}

BOOST_FIXTURE_TEST_CASE(check_imports_nothing_and_remove_deletes, MultiFlexi::Testing::CatalogFixture) {
  const std::string file = kApps + "/Spoje-NET__pohoda-raiffeisenbank__pohoda-bank-transaction-report.app.json";
  const Application checked = catalog->applications().check(file);
  BOOST_TEST(!checked.name.empty());
  BOOST_TEST(catalog->applications().list(10, 0).empty());
  const auto reports = catalog->applications().importPath(file);
  BOOST_TEST(reports.at(0).created);
  catalog->applications().remove(reports.at(0).applicationId);
  BOOST_TEST(!catalog->applications().findById(reports.at(0).applicationId));
}
