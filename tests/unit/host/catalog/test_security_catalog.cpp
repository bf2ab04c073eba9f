// Encryption at rest and the audit trail through the rule layer: the key
// status, a rotation that is audited and re-seals, revealing a credential.
#include <boost/test/unit_test.hpp>

#include "CatalogFixture.h"
#include "catalog/SecurityCatalog.h"

using namespace MultiFlexi;

BOOST_FIXTURE_TEST_CASE(status_names_the_key_file_and_the_current_version, MultiFlexi::Testing::CatalogFixture) {
  const KeyStatus status = catalog->security().keyStatus();
  BOOST_TEST(status.keyFile == dir.file("multiflexi.key"));
  BOOST_REQUIRE(status.versions.size() == 1u);
  BOOST_TEST(status.versions.front().state == "current");
}

BOOST_FIXTURE_TEST_CASE(a_rotation_is_audited_before_it_runs_and_makes_a_new_current_key,
                        MultiFlexi::Testing::CatalogFixture) {
  BOOST_TEST(catalog->security().auditTrail(10).empty());
  const int before = catalog->security().keyStatus().versions.front().version;
  const RotationReport report = catalog->security().rotateKeys(10, [](const std::string&, int64_t) {});
  BOOST_TEST(report.version > before);
  const auto trail = catalog->security().auditTrail(10);
  BOOST_REQUIRE(trail.size() == 1u);
  BOOST_TEST(trail.front().action == "encryption.rotate");
  BOOST_TEST(trail.front().subject == "key ring");
}
