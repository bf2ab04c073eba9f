// KeyRepository on a real SQLite store: the data key rows, and the ring
// loaded from them.
#include <boost/test/unit_test.hpp>

#include "Seed.h"
#include "TempDir.h"
#include "common/Exceptions.h"
#include "store/KeyRepository.h"
#include "store/Sql.h"
#include "store/Transaction.h"

#include <filesystem>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {

/// A predicate for BOOST_CHECK_EXCEPTION: the message holds `part`.
auto says(const std::string& part) {
  return [part](const Poco::Exception& e) {
    BOOST_TEST_MESSAGE(e.message());
    return e.message().find(part) != std::string::npos;
  };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(key_repository)

BOOST_AUTO_TEST_CASE(a_new_store_gets_one_current_version_whose_wrapped_key_is_stored) {
  TempDir dir;
  auto db = openSealedStore(dir.file("m.db"), dir.file("m.key"));
  Poco::Data::Session s = db->session();
  BOOST_TEST(KeyRepository::currentVersion(s) == 1);
  const auto wrapped = KeyRepository::wrappedKeys(s);
  BOOST_REQUIRE_EQUAL(wrapped.size(), 1u);
  BOOST_TEST(wrapped[0].version == 1);
  BOOST_TEST(!wrapped[0].wrapped.empty());
}

BOOST_AUTO_TEST_CASE(add_version_makes_the_old_current_previous_and_retire_destroys_it) {
  TempDir dir;
  auto db = openSealedStore(dir.file("m.db"), dir.file("m.key"));
  KeyRing& ring = db->keyRing();
  const SealContext where("credential", 1, 1, "K");
  const SealedValue old = inTransaction(*db, [&](Poco::Data::Session& s) {
    return KeyRepository::sealCurrent(s, ring, "v1", where);
  });
  BOOST_TEST(old.version == 1);
  const int added = inTransaction(*db, [&](Poco::Data::Session& s) { return KeyRepository::addVersion(s, ring); });
  BOOST_TEST(added == 2);
  Poco::Data::Session s = db->session();
  auto versions = KeyRepository::versions(s);
  BOOST_REQUIRE_EQUAL(versions.size(), 2u);
  BOOST_TEST(versions[0].state == "previous");
  BOOST_TEST(versions[1].state == "current");
  BOOST_TEST(!versions[0].retiredAt.has_value());
  const SealedValue fresh = inTransaction(*db, [&](Poco::Data::Session& tx) {
    return KeyRepository::sealCurrent(tx, ring, "v2", where);
  });
  BOOST_TEST(fresh.version == 2);
  BOOST_TEST(ring.unseal(old.text, where) == "v1");  // previous still opens

  inTransaction(*db, [&](Poco::Data::Session& tx) { KeyRepository::retire(tx, ring, {1}); });
  versions = KeyRepository::versions(s);
  BOOST_TEST(versions[0].state == "retired");
  BOOST_TEST(versions[0].retiredAt.has_value());
  BOOST_TEST(Sql::scalar(s, "SELECT COUNT(*) FROM encryption_key WHERE version = 1 AND wrapped = ''") == 1);
  BOOST_REQUIRE_EQUAL(KeyRepository::wrappedKeys(s).size(), 1u);
  BOOST_CHECK_EXCEPTION(ring.unseal(old.text, where), CryptoException, says("retired or unknown"));
  BOOST_TEST(ring.unseal(fresh.text, where) == "v2");
}

BOOST_AUTO_TEST_CASE(a_ring_opens_values_sealed_with_a_version_another_process_added_later) {
  TempDir dir;
  auto first = openSealedStore(dir.file("m.db"), dir.file("m.key"));
  auto second = openSealedStore(dir.file("m.db"), dir.file("m.key"));
  inTransaction(*first, [&](Poco::Data::Session& s) { KeyRepository::addVersion(s, first->keyRing()); });
  const SealContext where("credential", 2, 3, "K");
  const SealedValue v = inTransaction(*first, [&](Poco::Data::Session& s) {
    return KeyRepository::sealCurrent(s, first->keyRing(), "later", where);
  });
  BOOST_TEST(v.version == 2);
  BOOST_TEST(second->keyRing().unseal(v.text, where) == "later");
}

BOOST_AUTO_TEST_CASE(without_a_current_version_sealing_says_so) {
  TempDir dir;
  auto db = openSealedStore(dir.file("m.db"), dir.file("m.key"));
  Poco::Data::Session s = db->session();
  Sql::execute(s, "UPDATE encryption_key SET state = 'previous'");
  BOOST_CHECK_EXCEPTION(KeyRepository::currentVersion(s), EncryptionKeyException,
                        says("the database has no current data key (run any command to create one)"));
  // Loading the ring again makes a current one.
  auto again = openSealedStore(dir.file("m.db"), dir.file("m.key"));
  BOOST_TEST(KeyRepository::currentVersion(s) == 2);
}

BOOST_AUTO_TEST_CASE(a_missing_key_file_with_sealed_data_names_the_versions_and_the_file) {
  TempDir dir;
  openSealedStore(dir.file("m.db"), dir.file("m.key"));
  std::filesystem::remove(dir.file("m.key"));
  auto db = Database::openSqlite(dir.file("m.db"));
  BOOST_CHECK_EXCEPTION(KeyRepository::loadRing(*db, dir.file("m.key"), Poco::Logger::get("test.crypto")),
                        EncryptionKeyException,
                        says("holds data sealed with key version(s) 1, but the key file " + dir.file("m.key") +
                             " is missing"));
}

BOOST_AUTO_TEST_SUITE_END()
