#define BOOST_TEST_MODULE crypto
#include <boost/test/unit_test.hpp>

#include "JobUser.h"
#include "Seed.h"
#include "TempDir.h"
#include "common/Exceptions.h"
#include "crypto/KeyFile.h"
#include "crypto/KeyRing.h"
#include "store/KeyRepository.h"
#include "store/KeyRotation.h"
#include "store/Sql.h"
#include "store/Transaction.h"

#include <filesystem>
#include <fstream>
#include <thread>

#include <sys/stat.h>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {

struct Ring {
  TempDir dir;
  std::unique_ptr<Database> db = openSealedStore(dir.file("m.db"), dir.file("keys/master.key"));

  SealedValue seal(const std::string& plain, const SealContext& context) {
    return inTransaction(*db, [&](Poco::Data::Session& s) { return KeyRepository::sealCurrent(s, db->keyRing(), plain, context); });
  }
};

template <class F>
std::string failureOf(F&& f) {
  try {
    f();
  } catch (const Poco::Exception& e) {
    return e.message();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_new_store_gets_a_private_key_file_and_a_first_data_key) {
  Ring r;
  struct stat st {};
  BOOST_REQUIRE_EQUAL(::stat(r.dir.file("keys/master.key").c_str(), &st), 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
  BOOST_REQUIRE_EQUAL(::stat(r.dir.file("keys").c_str(), &st), 0);
  BOOST_TEST((st.st_mode & 0777) == 0700u);
  Poco::Data::Session s = r.db->session();
  const auto versions = KeyRepository::versions(s);
  BOOST_REQUIRE_EQUAL(versions.size(), 1u);
  BOOST_TEST(versions[0].state == "current");
  // The master key is in the file, not the database.
  std::ifstream file(r.dir.file("keys/master.key"));
  std::string line, key;
  while (std::getline(file, line))
    if (line.rfind("mfx-master-key-v1 ", 0) == 0) key = line.substr(18);
  BOOST_REQUIRE(!key.empty());
  BOOST_TEST(Sql::scalar(s, "SELECT COUNT(*) FROM encryption_key WHERE wrapped LIKE ?", {Sql::value("%" + key + "%")}) == 0);
}

BOOST_AUTO_TEST_CASE(sealed_values_carry_a_versioned_header_and_open_again) {
  Ring r;
  const SealContext where("credential", 3, 7, "FIO_TOKEN");
  const SealedValue a = r.seal("token-ABC", where);
  const SealedValue b = r.seal("token-ABC", where);
  BOOST_TEST(a.text.rfind("mf:v1:1:", 0) == 0u);
  BOOST_TEST(a.text.find("token-ABC") == std::string::npos);
  BOOST_TEST(a.text != b.text);  // random nonces
  BOOST_TEST(r.db->keyRing().unseal(a.text, where) == "token-ABC");
  BOOST_TEST(r.db->keyRing().unseal(r.seal("", where).text, where).empty());
}

BOOST_AUTO_TEST_CASE(a_ciphertext_moved_to_another_tenant_record_or_field_does_not_open) {
  Ring r;
  const SealedValue v = r.seal("secret-of-company-3", SealContext("credential", 3, 7, "FIO_TOKEN"));
  KeyRing& ring = r.db->keyRing();
  for (const SealContext& other : {SealContext("credential", 4, 7, "FIO_TOKEN"), SealContext("credential", 3, 8, "FIO_TOKEN"),
                                   SealContext("credential", 3, 7, "ACCOUNT"), SealContext("runtemplate_config", 3, 7, "FIO_TOKEN")}) {
    const std::string message = failureOf([&] { ring.unseal(v.text, other); });
    BOOST_TEST(message.find("does not authenticate") != std::string::npos, message);
    BOOST_TEST(message.find(other.describe()) != std::string::npos);
    BOOST_TEST(message.find("secret-of-company-3") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_flipped_byte_a_truncation_or_a_forged_version_is_refused) {
  Ring r;
  const SealContext where("credential", 1, 1, "PASSWORD");
  const std::string text = r.seal("p4ssw0rd-value", where).text;
  KeyRing& ring = r.db->keyRing();
  std::string flipped = text;
  flipped[text.size() - 3] = flipped[text.size() - 3] == 'A' ? 'B' : 'A';
  BOOST_TEST(!failureOf([&] { ring.unseal(flipped, where); }).empty());
  BOOST_TEST(!failureOf([&] { ring.unseal(text.substr(0, text.size() - 8), where); }).empty());
  BOOST_TEST(failureOf([&] { ring.unseal("mf:v1:9:" + text.substr(8), where); }).find("version 9") != std::string::npos);
  BOOST_TEST(failureOf([&] { ring.unseal("p4ssw0rd-value", where); }).find("not a sealed value") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_store_refuses_to_start_without_its_key_or_with_another_one) {
  TempDir dir;
  {
    auto db = openSealedStore(dir.file("m.db"), dir.file("master.key"));
    inTransaction(*db, [&](Poco::Data::Session& s) { KeyRepository::sealCurrent(s, db->keyRing(), "x", SealContext("credential", 1, 1, "K")); });
  }
  std::filesystem::rename(dir.file("master.key"), dir.file("saved.key"));
  std::string missing = failureOf([&] { openSealedStore(dir.file("m.db"), dir.file("master.key")); });
  BOOST_TEST(missing.find("the key file " + dir.file("master.key") + " is missing") != std::string::npos, missing);
  BOOST_TEST(!std::filesystem::exists(dir.file("master.key")));  // not silently replaced by a new key

  KeyFile::create(dir.file("master.key"));  // another key
  std::string wrong = failureOf([&] { openSealedStore(dir.file("m.db"), dir.file("master.key")); });
  BOOST_TEST(wrong.find("does not hold the key this database") != std::string::npos, wrong);

  std::filesystem::rename(dir.file("saved.key"), dir.file("master.key"));
  ::chmod(dir.file("master.key").c_str(), 0644);
  std::string open = failureOf([&] { openSealedStore(dir.file("m.db"), dir.file("master.key")); });
  BOOST_TEST(open.find("chmod 600") != std::string::npos, open);
  ::chmod(dir.file("master.key").c_str(), 0600);
  BOOST_TEST(failureOf([&] { openSealedStore(dir.file("m.db"), dir.file("master.key")); }).empty());
}

BOOST_AUTO_TEST_CASE(a_key_file_owned_by_another_user_is_refused,
                     *boost::unit_test::precondition(JobUserAvailable())) {
  const auto other = jobUser();
  BOOST_REQUIRE_MESSAGE(other, "root and the user multiflexi-job are needed (CI=true)");
  TempDir dir;
  openSealedStore(dir.file("m.db"), dir.file("master.key"));
  // Mode 0600 is not enough: another user could have planted the file.
  BOOST_REQUIRE(::chown(dir.file("master.key").c_str(), other->uid, other->gid) == 0);
  const std::string refused = failureOf([&] { openSealedStore(dir.file("m.db"), dir.file("master.key")); });
  BOOST_TEST(refused.find("belongs to uid " + std::to_string(other->uid)) != std::string::npos, refused);
  BOOST_REQUIRE(::chown(dir.file("master.key").c_str(), ::geteuid(), ::getegid()) == 0);
  BOOST_TEST(failureOf([&] { openSealedStore(dir.file("m.db"), dir.file("master.key")); }).empty());
}

BOOST_AUTO_TEST_CASE(processes_starting_together_on_a_new_store_share_one_key) {
  TempDir dir;
  std::vector<std::unique_ptr<Database>> dbs(4);
  std::vector<std::string> failures(dbs.size());
  std::vector<std::thread> starters;
  for (std::size_t i = 0; i < dbs.size(); ++i)
    starters.emplace_back([&, i] {
      try {
        dbs[i] = openSealedStore(dir.file("m.db"), dir.file("master.key"));
      } catch (const Poco::Exception& e) {
        failures[i] = e.displayText();
      }
    });
  for (auto& t : starters) t.join();
  for (const auto& f : failures) BOOST_TEST(f.empty(), f);
  BOOST_REQUIRE(dbs[0] && dbs[3]);
  const SealContext where("credential", 1, 1, "K");
  const SealedValue v =
      inTransaction(*dbs[0], [&](Poco::Data::Session& s) { return KeyRepository::sealCurrent(s, dbs[0]->keyRing(), "shared", where); });
  BOOST_TEST(dbs[3]->keyRing().unseal(v.text, where) == "shared");
  Poco::Data::Session s = dbs[0]->session();
  BOOST_TEST(KeyRepository::versions(s).size() == 1u);
}

BOOST_AUTO_TEST_CASE(rotation_reseals_everything_and_destroys_the_old_key) {
  Ring r;
  const int64_t company = seedCompany(*r.db, "acme");
  RunTemplate t = templateOf(seedApp(*r.db, appRunning("a", "/bin/true")), company, 'n');
  t.config = {{"API_TOKEN", "tok-1"}, {"PLAIN", "p"}};
  const int64_t id = seedTemplate(*r.db, t);
  const std::string before = [&] {
    Poco::Data::Session s = r.db->session();
    return Sql::text(Sql::query(s, "SELECT value FROM runtemplate_config WHERE name = 'API_TOKEN'"), "value", 0);
  }();
  BOOST_TEST(before.rfind("mf:v1:1:", 0) == 0u);
  const RotationReport report = rotateKeys(*r.db, 1, nullptr);
  BOOST_TEST(report.version == 2);
  BOOST_TEST(!report.resumed);
  BOOST_TEST(report.resealed.at("runtemplate_config") == 1);
  BOOST_REQUIRE_EQUAL(report.retired.size(), 1u);
  BOOST_TEST(report.retired[0] == 1);
  BOOST_TEST(RunTemplateRepository(*r.db).findById(id)->config.at("API_TOKEN") == "tok-1");
  // A value still sealed with the destroyed key fails loudly.
  const std::string message =
      failureOf([&] { r.db->keyRing().unseal(before, SealContext("runtemplate_config", company, id, "API_TOKEN")); });
  BOOST_TEST(message.find("retired or unknown") != std::string::npos, message);
  Poco::Data::Session s = r.db->session();
  BOOST_TEST(Sql::scalar(s, "SELECT COUNT(*) FROM encryption_key WHERE version = 1 AND wrapped = ''") == 1);
}

// The ring alone: libsodium and wrapped keys handed to it as data, no database.
namespace {

SecureBuffer masterKey(unsigned char fill) {
  SecureBuffer key(KeyFile::kKeyBytes);
  std::fill(key.data(), key.data() + key.size(), fill);
  return key;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_ring_loads_wrapped_keys_given_as_data_and_asks_again_for_an_unknown_version) {
  initSodium();
  // Wrap two data keys with one master key, as the store keeps them.
  std::vector<WrappedKey> stored;
  auto writer = KeyRing::load(masterKey(7), "k.key", "test.db", [&] { return stored; });
  for (int version : {1, 2}) {
    SecureBuffer key = KeyRing::newDataKey();
    stored.push_back({version, writer->wrap(key, version)});
    writer->adopt(version, std::move(key));
  }
  const SealContext where("credential", 1, 2, "TOKEN");
  const SealedValue one = writer->seal(1, "first", where);
  const SealedValue two = writer->seal(2, "second", where);
  BOOST_TEST(two.version == 2);

  int asked = 0;
  std::vector<WrappedKey> visible = {stored[0]};
  auto reader = KeyRing::load(masterKey(7), "k.key", "test.db", [&] {
    ++asked;
    return visible;
  });
  BOOST_TEST(asked == 1);
  BOOST_TEST(reader->unseal(one.text, where) == "first");
  BOOST_TEST(asked == 1);  // a known version needs no look-up
  visible = stored;        // version 2 appears (a rotation elsewhere)
  BOOST_TEST(reader->unseal(two.text, where) == "second");
  BOOST_TEST(asked == 2);
  reader->forget({1});
  visible = {stored[1]};  // version 1 retired
  BOOST_TEST(failureOf([&] { reader->unseal(one.text, where); }).find("retired or unknown") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_ring_refuses_wrapped_keys_of_another_master_key_naming_file_and_origin) {
  initSodium();
  auto writer = KeyRing::load(masterKey(1), "a.key", "one.db", [] { return std::vector<WrappedKey>{}; });
  const std::vector<WrappedKey> stored = {{3, writer->wrap(KeyRing::newDataKey(), 3)}};
  const std::string message =
      failureOf([&] { KeyRing::load(masterKey(2), "b.key", "two.db", [&] { return stored; }); });
  BOOST_TEST(message ==
                 "the key file b.key does not hold the key this database (two.db) was sealed with: data key version 3 "
                 "does not open with it",
             message);
  // A key wrapped for version 3 does not pass for version 4 either.
  const std::vector<WrappedKey> moved = {{4, stored[0].wrapped}};
  BOOST_TEST(!failureOf([&] { KeyRing::load(masterKey(1), "a.key", "one.db", [&] { return moved; }); }).empty());
}
