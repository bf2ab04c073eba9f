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
