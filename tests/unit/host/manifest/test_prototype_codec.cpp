// Credential prototypes from MultiFlexi's real files: read in both formats,
// stored, exported back, and broken ones refused naming every path.
#define BOOST_TEST_MODULE manifest
#include <boost/test/unit_test.hpp>

#include "Fixtures.h"
#include "Seed.h"
#include "TempDir.h"
#include "common/Exceptions.h"
#include "manifest/ManifestValidator.h"
#include "manifest/PrototypeCodec.h"
#include "store/CredentialPrototypeRepository.h"

#include <filesystem>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {

std::vector<std::string> prototypeFiles() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(fixture("multiflexi/credential-prototypes")))
    files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

CredentialPrototype load(const std::string& nameContains) {
  for (const std::string& f : prototypeFiles())
    if (f.find(nameContains) != std::string::npos) return prototypeFromJson(ManifestValidator::readJson(f), f);
  throw std::runtime_error("no fixture " + nameContains);
}

std::string problemsOf(const std::string& json) {
  std::string all;
  for (const auto& p : prototypeProblems(OrderedJson::parse(json))) all += p + "\n";
  return all;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_real_prototype_file_imports_in_both_formats) {
  const auto files = prototypeFiles();
  BOOST_REQUIRE_GE(files.size(), 10u);
  TempDir dir;
  auto db = openSealedStore(dir.file("p.db"), dir.file("master.key"));
  CredentialPrototypeRepository repo(*db);
  for (const std::string& f : files) {
    const CredentialPrototype p = prototypeFromJson(ManifestValidator::readJson(f), f);
    BOOST_TEST(!p.fields.empty(), f);
    repo.save(p);
  }
  // probe.credprototype.json and probe.credtype.json share a uuid: one prototype.
  BOOST_TEST(repo.list().size() == files.size() - 1);
  const CredentialPrototype probe = *repo.findByCode("PROBE");
  BOOST_TEST(probe.format == "credential-type");  // the later import wins, fields replaced
  BOOST_TEST(probe.field("PROBE_API_KEY")->type == "secret");
}

BOOST_AUTO_TEST_CASE(localized_names_defaults_and_options_are_read_as_multiflexi_reads_them) {
  const CredentialPrototype abra = load("abraflexi.credprototype");
  BOOST_TEST(abra.name == "AbraFlexi");
  BOOST_TEST(OrderedJson::parse(*abra.field("ABRAFLEXI_URL")->nameJson)["cs"] == "URI Serveru AbraFlexi");
  const CredentialPrototype probe = load("probe.multiflexi.credprototype");
  BOOST_TEST(*probe.field("PROBE_ENDPOINT")->defaultValue == "https://probe.example.com/api");  // `default`
  BOOST_TEST(*probe.field("PROBE_TIMEOUT")->defaultValue == "30");
  const CredentialPrototype sql = load("test.credential-type");
  BOOST_TEST(!sql.version.has_value());
  BOOST_TEST(OrderedJson::parse(*sql.field("DATABASE_TYPE")->optionsJson)[1]["value"] == "PostgreSQL");
  const CredentialPrototype ipex = load("ipex");
  BOOST_TEST(OrderedJson::parse(*ipex.field("IPEX_URL")->nameJson) == "IPEX API URL");  // `title`
}

BOOST_AUTO_TEST_CASE(secret_fields_are_known_by_type_and_by_name) {
  const CredentialPrototype fio = load("fiobank");
  BOOST_TEST(fio.field("FIO_TOKEN")->secret);  // typed "string" in the real file
  BOOST_TEST(!fio.field("FIO_TOKEN_NAME")->secret);
  BOOST_TEST(!fio.field("ACCOUNT_NUMBER")->secret);
  const CredentialPrototype abra = load("abraflexi.credprototype");
  BOOST_TEST(abra.field("ABRAFLEXI_PASSWORD")->secret);
  BOOST_TEST(!abra.field("ABRAFLEXI_LOGIN")->secret);
}

BOOST_AUTO_TEST_CASE(export_imports_back_to_the_same_prototype) {
  for (const std::string& f : prototypeFiles()) {
    const CredentialPrototype original = prototypeFromJson(ManifestValidator::readJson(f), f);
    const CredentialPrototype again = prototypeFromJson(prototypeToJson(original), "export");
    BOOST_TEST(again.uuid == original.uuid);
    BOOST_TEST(again.nameJson == original.nameJson);
    BOOST_TEST(again.extraJson.value_or("-") == original.extraJson.value_or("-"), f);
    BOOST_REQUIRE_EQUAL(again.fields.size(), original.fields.size());
    for (std::size_t i = 0; i < again.fields.size(); ++i) {
      BOOST_TEST(again.fields[i].keyword == original.fields[i].keyword);
      BOOST_TEST(again.fields[i].defaultValue.value_or("-") == original.fields[i].defaultValue.value_or("-"));
      BOOST_TEST(again.fields[i].optionsJson.value_or("-") == original.fields[i].optionsJson.value_or("-"));
      BOOST_TEST(again.fields[i].extraJson.value_or("-") == original.fields[i].extraJson.value_or("-"));
    }
  }
}

BOOST_AUTO_TEST_CASE(broken_prototypes_are_refused_naming_every_path) {
  const std::string problems = problemsOf(R"({"uuid":"nope","code":"x","name":"","version":"one",
      "fields":[{"keyword":"lower","type":"password"},{"keyword":"A","type":"blob"},{"type":"string"},
                {"keyword":"A","type":"string","required":"yes","options":[{}]}]})");
  for (const char* expected : {"$.uuid: 'nope' is not a canonical UUID", "$.code: 'x' must be 2-64",
                               "$.name: must be 1-255", "$.version: 'one'", "$.fields[0].keyword: 'lower'",
                               "$.fields[1].type: unknown type 'blob'", "$.fields[2].keyword: is required",
                               "$.fields[3].keyword: 'A' appears twice", "$.fields[3].required: must be true or false",
                               "$.fields[3].options[0]: must be a string or an object"})
    BOOST_TEST(problems.find(expected) != std::string::npos, expected << " in\n" << problems);
  BOOST_TEST(problemsOf("[]").find("must be a JSON object") != std::string::npos);
  BOOST_CHECK_THROW(prototypeFromJson(OrderedJson::parse(R"({"code":"ab"})"), "f.json"), ManifestException);
}
