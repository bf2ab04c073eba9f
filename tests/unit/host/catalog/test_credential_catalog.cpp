// The rules of credential values on a real store: each value is checked
// against its prototype's field (type, options, required), and a refusal never
// shows a secret.
#include <boost/test/unit_test.hpp>

#include "Fixtures.h"
#include "Seed.h"
#include "TempDir.h"
#include "common/Exceptions.h"
#include "catalog/CredentialCatalog.h"
#include "domain/ActorScope.h"
#include "store/AuditRepository.h"
#include "store/Sql.h"
#include "manifest/ManifestValidator.h"
#include "manifest/PrototypeCodec.h"
#include "CatalogFixture.h"
#include "SqlCredential.h"

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {

CredentialPrototype load(const std::string& fileName) {
  const std::string f = fixture("multiflexi/credential-prototypes/" + fileName);
  return prototypeFromJson(ManifestValidator::readJson(f), f);
}

}  // namespace

BOOST_AUTO_TEST_CASE(credential_values_are_checked_against_their_fields) {
  TempDir dir;
  auto db = openSealedStore(dir.file("c.db"), dir.file("master.key"));
  CredentialCatalog catalog(*db, nullptr);
  const int64_t company = seedCompany(*db, "acme");
  CredentialType type;
  type.companyId = company;
  type.name = "sql";
  type.prototypeId = catalog.prototypes().save(load("VitexSoftware__php-vitexsoftware-multiflexi-core__test.credential-type.json")).id;
  const int64_t typeId = catalog.createType(type);
  BOOST_TEST(catalog.credentials().findType(typeId)->provides == "SQL");
  Credential c;
  c.typeId = typeId;
  c.companyId = company;
  c.name = "db";
  c.values = {{"DATABASE_PORT", "33o6"}, {"DATABASE_TYPE", "DB2"}, {"NOPE", "x"}, {"DATABASE_PASSWORD", "pw-123456"}};
  try {
    catalog.createCredential(c);
    BOOST_FAIL("accepted bad values");
  } catch (const ValidationException& e) {
    const std::string m = e.message();
    BOOST_TEST(m.find("fields.DATABASE_PORT: expected a number") != std::string::npos, m);
    BOOST_TEST(m.find("fields.DATABASE_TYPE: expected one of MySQL, PostgreSQL, SQLite, Oracle") != std::string::npos);
    BOOST_TEST(m.find("fields.NOPE: credential type 'sql' has no field 'NOPE'") != std::string::npos);
    BOOST_TEST(m.find("pw-123456") == std::string::npos);
  }
  c.values = {{"DATABASE_PASSWORD", "pw-123456"}};
  try {
    catalog.createCredential(c);
    BOOST_FAIL("accepted a credential without its required user");
  } catch (const ValidationException& e) {
    BOOST_TEST(e.message().find("fields.DATABASE_USER: required") != std::string::npos, e.message());
  }
  c.values = {{"DATABASE_PASSWORD", "pw-123456"}, {"DATABASE_USER", "app"}};
  const Credential saved = *catalog.credentials().find(catalog.createCredential(c));
  BOOST_TEST(saved.values.at("DATABASE_PASSWORD") == "pw-123456");
  BOOST_TEST((saved.secretKeys == std::set<std::string>{"DATABASE_PASSWORD"}));
}

BOOST_AUTO_TEST_CASE(changes_lookups_and_the_fields_they_name) {
  TempDir dir;
  auto db = openSealedStore(dir.file("c.db"), dir.file("master.key"));
  CredentialCatalog catalog(*db, nullptr);
  const int64_t company = seedCompany(*db, "acme");
  CredentialPrototype saved = load("VitexSoftware__php-vitexsoftware-multiflexi-core__test.credential-type.json");
  saved.id = catalog.prototypes().save(saved).id;
  BOOST_TEST(catalog.prototypeIdOf("prototype", saved.code) == saved.id);
  BOOST_TEST(catalog.prototypeIdOf("prototype", std::to_string(saved.id)) == saved.id);
  BOOST_TEST(catalog.prototype({{}, {}, saved.code}).id == saved.id);
  BOOST_TEST(thrown<ValidationException>([&] { catalog.prototypeIdOf("prototype", "nope"); }).field() == "prototype");
  BOOST_TEST(thrown<NotFoundException>([&] { catalog.prototype({{}, {}, std::string("nope")}); }).message() ==
             "no credential prototype with code 'nope'");

  CredentialType type;
  type.companyId = company;
  type.name = "sql";
  type.prototypeId = saved.id;
  type.settings = {{"DATABASE_TYPE", "SQLite"}};
  const int64_t typeId = catalog.createType(type);
  CredentialChanges typeChanges;
  typeChanges.name = "sqlite";
  typeChanges.unset = {"DATABASE_TYPE"};
  const CredentialType changedType = catalog.updateType(typeId, typeChanges);
  BOOST_TEST(changedType.name == "sqlite");
  BOOST_TEST(changedType.settings.empty());
  BOOST_TEST(thrown<ValidationException>([&] { catalog.updateType(typeId, typeChanges); }).field() ==
             "unset-setting");
  BOOST_TEST(thrown<NotFoundException>([&] { catalog.type(typeId + 10); }).message() ==
             "no credential type with id " + std::to_string(typeId + 10));

  Credential c;
  c.typeId = typeId;
  c.companyId = company;
  c.name = "db";
  c.values = {{"DATABASE_USER", "app"}, {"DATABASE_PASSWORD", "pw-123456"}, {"DATABASE_PORT", "5432"}};
  const int64_t id = catalog.createCredential(c);
  CredentialChanges changes;
  changes.values = {{"DATABASE_PORT", "x"}};
  const auto bad = thrown<ValidationException>([&] { catalog.updateCredential(id, changes); });
  BOOST_TEST(bad.field() == "fields.DATABASE_PORT");
  BOOST_TEST(catalog.credential(id).values.at("DATABASE_PORT") == "5432");  // nothing refused was saved
  changes.values.clear();
  changes.unset = {"DATABASE_PORT"};
  BOOST_TEST(catalog.updateCredential(id, changes).values.count("DATABASE_PORT") == 0u);
  BOOST_TEST(thrown<ValidationException>([&] { catalog.updateCredential(id, changes); }).field() == "unset-field");
}

/// A sealed store with company "acme" and a catalog without plugins.
struct SqlStore {
  TempDir dir;
  std::unique_ptr<Database> db = openSealedStore(dir.file("c.db"), dir.file("master.key"));
  CredentialCatalog catalog{*db, nullptr};
  int64_t company = seedCompany(*db, "acme");
};

BOOST_FIXTURE_TEST_CASE(a_taken_name_is_a_conflict_that_names_no_other_record, SqlStore) {
  const CredentialType type = sqlType(company, catalog.importPrototype(sqlPrototype()).id);
  const int64_t first = catalog.createType(type);
  const auto e = thrown<ConflictException>([&] { catalog.createType(type); });
  BOOST_TEST(e.field() == "name");
  BOOST_TEST(e.reason() == "'sql' is already taken by another credential type of this company");
  BOOST_TEST(e.message().find(std::to_string(first)) == std::string::npos);
  const Credential c = sqlCredential(company, first);
  catalog.createCredential(c);
  BOOST_TEST(thrown<ConflictException>([&] { catalog.createCredential(c); }).reason() ==
             "'db' is already taken by another credential of this company");
}

BOOST_FIXTURE_TEST_CASE(deletes_and_prototype_imports_are_audited_with_the_actor, SqlStore) {
  const Caller ops = Caller::localAdmin("ops");
  const ActorScope actor(ops);
  const CredentialPrototype prototype = sqlPrototype();
  const PrototypeSaved imported = catalog.importPrototype(prototype);
  BOOST_TEST(imported.created);
  BOOST_TEST(!catalog.importPrototype(prototype).created);  // the same uuid again: an update
  const int64_t typeId = catalog.createType(sqlType(company, imported.id));
  const int64_t credentialId = catalog.createCredential(sqlCredential(company, typeId));
  BOOST_CHECK_THROW(catalog.removeType(typeId), ConflictException);  // it has a credential
  catalog.removeCredential(credentialId);
  BOOST_CHECK_THROW(catalog.removeCredential(credentialId), NotFoundException);
  catalog.removeType(typeId);
  catalog.removePrototype(imported.id);
  BOOST_CHECK_THROW(catalog.removePrototype(imported.id), NotFoundException);

  const auto trail = AuditRepository(*db).list(20);  // newest first
  BOOST_REQUIRE(trail.size() == 7u);                 // nothing for the refusals
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"credential-prototype.delete", "credential prototype " + std::to_string(imported.id)},
      {"credential-type.delete", "credential type " + std::to_string(typeId)},
      {"credential.delete", "credential " + std::to_string(credentialId)},
      {"credential.create", "credential " + std::to_string(credentialId)},
      {"credential-type.create", "credential type " + std::to_string(typeId)},
      {"credential-prototype.update", "credential prototype " + std::to_string(imported.id)},
      {"credential-prototype.create", "credential prototype " + std::to_string(imported.id)}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    BOOST_TEST(trail[i].action == expected[i].first);
    BOOST_TEST(trail[i].subject == expected[i].second);
    BOOST_TEST(trail[i].actor == "ops");
  }
  BOOST_TEST(trail[1].companyId.value_or(0) == company);
  BOOST_TEST(trail[2].detail.value_or("") == "db");
  BOOST_TEST(trail[0].detail.value_or("") == prototype.code);
}

BOOST_FIXTURE_TEST_CASE(a_value_sealed_once_stays_sealed_when_its_prototype_no_longer_says_secret, SqlStore) {
  CredentialPrototype prototype = sqlPrototype();
  const int64_t typeId = catalog.createType(sqlType(company, catalog.importPrototype(prototype).id));
  const int64_t id = catalog.createCredential(sqlCredential(company, typeId));
  for (PrototypeField& f : prototype.fields)
    if (f.keyword == "DATABASE_PASSWORD") {  // a re-import that drops the mark
      f.type = "string";
      f.secret = false;
    }
  catalog.importPrototype(prototype);
  CredentialChanges rename;
  rename.name = "db2";
  const Credential changed = catalog.updateCredential(id, rename);
  BOOST_TEST(changed.values.at("DATABASE_PASSWORD") == "pw-123456");
  BOOST_TEST(changed.secretKeys.count("DATABASE_PASSWORD") == 1u);
  Poco::Data::Session s = db->session();
  BOOST_TEST(Sql::scalar(s, "SELECT COUNT(*) FROM credential_value WHERE credential_id = ? AND value = ?",
                         {Sql::value(id), Sql::value(std::string("pw-123456"))}) == 0);
}
