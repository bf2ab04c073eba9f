// Every real manifest: the valid ones import and round-trip through export,
// the broken ones are refused with the file, the place and the rule.
#include <boost/test/unit_test.hpp>

#include "Fixtures.h"
#include "TempDir.h"
#include "Thrown.h"
#include "common/Exceptions.h"
#include "manifest/ManifestImporter.h"

#include <filesystem>
#include <fstream>
#include <set>

using namespace MultiFlexi;
using MultiFlexi::Testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kApps = MultiFlexi::Testing::appsDir();
const std::string kSchema = MultiFlexi::Testing::applicationSchema();
const std::set<std::string> kInvalid = {
    "VitexSoftware__abraflexi-reminder__abraflexi-reminder.multiflexi.app.json",
    "VitexSoftware__abraflexi-reminder__clear_reminder_labels.multiflexi.app.json",
    "VitexSoftware__php-vitexsoftware-multiflexi-core__test.invalid.multiflexi.app.json"};

std::vector<std::string> validFixtures() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(kApps))
    if (!kInvalid.count(entry.path().filename().string())) files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

struct ImportFixture {
  TempDir dir;
  std::unique_ptr<Database> db = Database::openSqlite(dir.file("a.db"));
  ApplicationRepository apps{*db};
  ManifestValidator validator{kSchema};
  ManifestImporter importer{apps, validator};

  std::string refusal(const std::string& file) {
    try {
      importer.importFile(kApps + "/" + file);
    } catch (const ManifestException& e) {
      return e.message();
    }
    return "(imported)";
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(manifest_import, ImportFixture)

BOOST_AUTO_TEST_CASE(there_are_real_fixtures) { BOOST_TEST(validFixtures().size() >= 14u); }

BOOST_AUTO_TEST_CASE(every_valid_manifest_imports_and_round_trips) {
  TempDir second;
  auto otherDb = Database::openSqlite(second.file("b.db"));
  ApplicationRepository otherApps(*otherDb);
  ManifestImporter otherImporter(otherApps, validator);
  for (const auto& file : validFixtures()) {
    BOOST_TEST_CONTEXT(fs::path(file).filename().string()) {
      const ImportReport report = importer.importFile(file);
      BOOST_REQUIRE(report.imported);
      const Application stored = *apps.findById(report.applicationId);
      // What was stored is what the file says.
      BOOST_TEST(stored.sameContent(importer.check(file)));
      // The export validates against the same schema ...
      const OrderedJson exported = manifestFromApplication(stored);
      BOOST_CHECK_NO_THROW(validator.validate(exported, "export"));
      const std::string exportFile = second.file("export.app.json");
      std::ofstream(exportFile) << exported.dump(2);
      // ... and re-imports to an identical record, elsewhere and in place.
      const ImportReport again = otherImporter.importFile(exportFile);
      BOOST_TEST(otherApps.findById(again.applicationId)->sameContent(stored));
      const ImportReport inPlace = importer.importFile(exportFile);
      BOOST_TEST(inPlace.applicationId == report.applicationId);
      BOOST_TEST(!inPlace.created);
      BOOST_TEST(apps.findById(report.applicationId)->sameContent(stored));
    }
  }
}

BOOST_AUTO_TEST_CASE(what_multiflexi_drops_is_kept) {
  importer.importFile(kApps + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json");
  importer.importFile(kApps + "/VitexSoftware__php-vitexsoftware-multiflexi-core__test.multilanguage.app.json");
  importer.importFile(kApps + "/VitexSoftware__multiflexi-mtr__mtr.multiflexi.app.json");
  const Application probe = *apps.findByUuid("775ed801-2489-4981-bc14-d8a01cba1938");
  BOOST_REQUIRE(probe.cmdparamsTemplate.has_value());
  BOOST_TEST(probe.cmdparamsTemplate->find("${FILE_UPLOAD}") != std::string::npos);
  BOOST_TEST(probe.kubernetesJson.has_value());
  const Application multi = *apps.findByName("Test App");
  BOOST_TEST(OrderedJson::parse(multi.nameJson).size() > 1u);
  BOOST_TEST(OrderedJson::parse(multi.descriptionJson).size() > 1u);
  const Application mtr = *apps.findByName("My traceroute");
  BOOST_TEST(*mtr.deploy == "apt install mtr-tiny");  // legacy key
  BOOST_TEST(mtr.tags.size() == 3u);                  // from legacy "topics"
  BOOST_REQUIRE(mtr.extraJson.has_value());           // stray top-level objects, kept
  BOOST_TEST(OrderedJson::parse(*mtr.extraJson).contains("RESULT_FILE"));
}

BOOST_AUTO_TEST_CASE(broken_json_is_refused_with_line_and_column) {
  BOOST_TEST(refusal("VitexSoftware__abraflexi-reminder__abraflexi-reminder.multiflexi.app.json") ==
             kApps + "/VitexSoftware__abraflexi-reminder__abraflexi-reminder.multiflexi.app.json: not valid JSON: "
                     "parse error at line 256, column 3: syntax error while parsing object key - unexpected '}'; "
                     "expected string literal");
  BOOST_TEST(refusal("VitexSoftware__php-vitexsoftware-multiflexi-core__test.invalid.multiflexi.app.json")
                 .find("not valid JSON: parse error at line 15, column 0") != std::string::npos);
  BOOST_TEST(apps.count() == 0);
}

BOOST_AUTO_TEST_CASE(a_schema_violation_names_the_json_path_and_the_rule) {
  BOOST_TEST(refusal("VitexSoftware__abraflexi-reminder__clear_reminder_labels.multiflexi.app.json") ==
             kApps + "/VitexSoftware__abraflexi-reminder__clear_reminder_labels.multiflexi.app.json: $.events: "
                     "Object contains a property that could not be validated using 'properties' or "
                     "'additionalProperties' constraints: 'listens'.");
  BOOST_TEST(apps.count() == 0);
}

BOOST_AUTO_TEST_CASE(deep_violations_are_located_precisely) {
  OrderedJson m = OrderedJson::parse(std::ifstream(kApps + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json"));
  m["environment"]["PROBE_SLEEP"]["type"] = "number";
  BOOST_CHECK_EXCEPTION(validator.validate(m, "probe"), ManifestException, [](const ManifestException& e) {
    return e.message().find("probe: $.environment.PROBE_SLEEP.type: ") == 0;
  });
  m = OrderedJson::parse(std::ifstream(kApps + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json"));
  m["artifacts"][0].erase("path");
  BOOST_CHECK_EXCEPTION(validator.validate(m, "probe"), ManifestException, [](const ManifestException& e) {
    return e.message().find("probe: $.artifacts[0]: ") == 0;
  });
}

BOOST_AUTO_TEST_CASE(violations_are_named_by_json_pointer_for_the_api) {
  OrderedJson m =
      OrderedJson::parse(std::ifstream(kApps + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json"));
  m["environment"]["PROBE_SLEEP"]["type"] = "number";
  m["artifacts"][0].erase("path");
  std::set<std::string> fields;
  for (const FieldProblem& p : validator.violations(m, ViolationPath::JsonPointer)) fields.insert(p.field);
  BOOST_TEST(fields.count("/environment/PROBE_SLEEP/type") == 1u);
  BOOST_TEST(fields.count("/artifacts/0") == 1u);
  BOOST_TEST(validator.violations(m).front().field.rfind("$.", 0) == 0u);  // the CLI's paths stay
  BOOST_TEST(jsonPointerToken("a/b~c") == "a~1b~0c");
  const auto e = MultiFlexi::Testing::thrown<ValidationException>([&] { importer.importManifest(m); });
  BOOST_TEST(e.problems().size() == fields.size());
  BOOST_TEST(apps.count() == 0);
}

BOOST_AUTO_TEST_CASE(a_directory_imports_the_good_and_reports_the_bad) {
  const auto reports = importer.importDirectory(kApps);
  std::size_t refused = 0;
  for (const auto& r : reports) {
    const std::string name = fs::path(r.file).filename().string();
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(r.imported == !kInvalid.count(name));
      if (!r.imported) {
        ++refused;
        BOOST_TEST(r.error.find(r.file + ": ") == 0);
      }
    }
  }
  BOOST_TEST(refused == kInvalid.size());
  BOOST_TEST(apps.count() >= 13);
}

BOOST_AUTO_TEST_CASE(environment_names_are_checked_at_import) {
  const std::string probe = kApps + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json";
  auto withKey = [&](const std::string& key) {
    OrderedJson m = OrderedJson::parse(std::ifstream(probe));
    m["environment"][key] = {{"type", "string"}, {"description", "x"}};
    const std::string file = dir.file("m.app.json");
    std::ofstream(file) << m.dump(2);
    return file;
  };
  auto refused = [&](const std::string& file, ManifestImporter& with) {
    try {
      with.importFile(file);
    } catch (const ManifestException& e) {
      return e.message();
    }
    return std::string("(imported)");
  };
  // MultiFlexi's schema lets these through; the host does not.
  const std::string nul = withKey(std::string("PATH\0junk", 9));
  BOOST_TEST(refused(nul, importer) ==
             nul + ": $.environment: 'PATH\\x00junk' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
  BOOST_TEST(refused(withKey("A=B"), importer).find("$.environment: 'A=B' is not a variable name") != std::string::npos);
  BOOST_CHECK_THROW(importer.check(withKey("A=B")), ManifestException);  // validate-json says the same
  const std::string preload = withKey("LD_PRELOAD");
  BOOST_TEST(refused(preload, importer).find("$.environment: 'LD_PRELOAD' changes how programs are loaded") !=
             std::string::npos);
  BOOST_TEST(apps.count() == 0);
  ManifestImporter allowing{apps, validator, EnvNamePolicy({"LD_PRELOAD"})};
  BOOST_TEST(refused(preload, allowing) == "(imported)");
}

BOOST_AUTO_TEST_CASE(deeply_nested_manifests_are_refused_before_anything_recurses) {
  std::string text = OrderedJson::parse(std::ifstream(kApps + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json")).dump();
  text.pop_back();
  text += ", \"x\": ";
  for (int i = 0; i < 50000; ++i) text += "[";
  for (int i = 0; i < 50000; ++i) text += "]";
  text += "}";
  const std::string file = dir.file("deep.app.json");
  std::ofstream(file) << text;
  std::string path = "$.x";
  for (std::size_t i = 1; i < kMaxJsonDepth; ++i) path += "[0]";
  BOOST_CHECK_EXCEPTION(importer.importFile(file), ManifestException, [&](const ManifestException& e) {
    return e.message() == file + ": " + path + ": nesting deeper than 64 levels";
  });
}

BOOST_AUTO_TEST_CASE(a_missing_schema_is_a_clear_error) {
  BOOST_CHECK_EXCEPTION(ManifestValidator("/nonexistent/application.json"), ManifestException,
                        [](const ManifestException& e) {
                          return e.message() == "/nonexistent/application.json: cannot be read";
                        });
}

BOOST_AUTO_TEST_SUITE_END()
