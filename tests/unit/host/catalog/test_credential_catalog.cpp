// The rules of credential values on a real store: each value is checked
// against its prototype's field (type, options, required), and a refusal never
// shows a secret.
#include <boost/test/unit_test.hpp>

#include "Fixtures.h"
#include "Seed.h"
#include "TempDir.h"
#include "common/Exceptions.h"
#include "catalog/CredentialCatalog.h"
#include "manifest/ManifestValidator.h"
#include "manifest/PrototypeCodec.h"
#include "CatalogFixture.h"

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
