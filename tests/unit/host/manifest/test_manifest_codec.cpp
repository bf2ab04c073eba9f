// Manifest <-> Application, in memory: nothing of a manifest is lost.
#include <boost/test/unit_test.hpp>

#include "manifest/ManifestCodec.h"

using namespace MultiFlexi;

namespace {
const char* kManifest = R"({
  "$schema": "https://example/schema.json",
  "name": {"cs": "Importér", "en": "Importer"},
  "title": "Bank importer",
  "description": {"en": "Imports statements", "de": "Importiert Auszüge"},
  "uuid": "0d9b5e5e-8b1a-4c7d-9f3e-0a1b2c3d4e5f",
  "executable": "bank-import",
  "cmdparams": "--from {DATE_FROM}",
  "cmdparamsTemplate": "--from ${DATE_FROM}",
  "topics": ["Bank", "Import"],
  "requirements": ["FioBank", "AbraFlexi"],
  "environment": {
    "DATE_FROM": {"type": "string", "defval": "-1 day", "required": true, "note": "kept", "multiline": false},
    "FIO_TOKEN": {"type": "password", "description": {"en": "Token", "cs": "Token"}},
    "LIMIT": {"type": "integer", "defval": 100, "options": [10, 100]}
  },
  "exitCodes": {"0": {"description": "OK", "severity": "success"}, "75": {"description": "Later", "retry": true}},
  "artifacts": [{"name": {"en": "Report"}, "path": "report.*\\.json", "type": "json"}],
  "produces": {"statement": {"format": "file", "patterns": ["*.xml"], "fields": ["iban"]}},
  "consumes": {"mapping": {"format": "json", "required": false, "target": "MAPPING_FILE"}},
  "returnCodes": {"1": "legacy"},
  "multiflexi": "1.7"
})";
}  // namespace

BOOST_AUTO_TEST_SUITE(manifest_codec)

BOOST_AUTO_TEST_CASE(keeps_every_field_legacy_keys_and_languages) {
  const Application app = applicationFromManifest(OrderedJson::parse(kManifest));
  BOOST_TEST(app.name == "Importer");  // "en" wins over the first language
  BOOST_TEST(OrderedJson::parse(app.nameJson)["cs"] == "Importér");
  BOOST_TEST(OrderedJson::parse(app.descriptionJson)["de"] == "Importiert Auszüge");
  BOOST_TEST(*app.cmdparams == "--from {DATE_FROM}");
  BOOST_TEST(*app.cmdparamsTemplate == "--from ${DATE_FROM}");
  BOOST_TEST((app.tags == std::vector<std::string>{"Bank", "Import"}));  // legacy "topics"
  BOOST_REQUIRE_EQUAL(app.environment.size(), 3u);
  BOOST_TEST(app.environment[0].key == "DATE_FROM");
  BOOST_TEST(*app.environment[0].defvalJson == "\"-1 day\"");
  BOOST_TEST(*app.environment[0].extraJson == R"({"note":"kept","multiline":false})");
  BOOST_TEST(app.environment[1].isSecret());
  BOOST_TEST(*app.environment[2].defvalJson == "100");
  BOOST_REQUIRE_EQUAL(app.exitCodes.size(), 2u);
  BOOST_TEST(app.exitCodes[1].code == 75);
  BOOST_TEST(*app.exitCodes[1].retry);
  BOOST_TEST(*app.produces[0].extraJson == R"({"fields":["iban"]})");
  BOOST_TEST(*app.consumes[0].extraJson == R"({"target":"MAPPING_FILE"})");
  BOOST_TEST(*app.extraJson == R"({"returnCodes":{"1":"legacy"},"multiflexi":"1.7"})");
}

BOOST_AUTO_TEST_CASE(export_then_import_gives_the_same_record) {
  const Application first = applicationFromManifest(OrderedJson::parse(kManifest));
  const OrderedJson exported = manifestFromApplication(first);
  const Application second = applicationFromManifest(exported);
  BOOST_TEST(first.sameContent(second));
  BOOST_TEST(exported["cmdparamsTemplate"] == "--from ${DATE_FROM}");
  BOOST_TEST(exported["returnCodes"]["1"] == "legacy");
  BOOST_TEST(exported["environment"]["LIMIT"]["options"] == OrderedJson::parse("[10, 100]"));
}

BOOST_AUTO_TEST_CASE(legacy_keys_of_an_unexpected_type_are_kept_verbatim) {
  OrderedJson m = OrderedJson::parse(kManifest);
  m["topics"] = "Bank,Import";
  m["setup"] = OrderedJson::object({{"command", "x"}});
  const Application app = applicationFromManifest(m);
  BOOST_TEST(app.tags.empty());
  BOOST_TEST(!app.setup.has_value());
  const OrderedJson extra = OrderedJson::parse(*app.extraJson);
  BOOST_TEST(extra["topics"] == "Bank,Import");
  BOOST_TEST(extra["setup"]["command"] == "x");
  BOOST_TEST(applicationFromManifest(manifestFromApplication(app)).sameContent(app));
}

BOOST_AUTO_TEST_CASE(localized_default_prefers_english_then_the_first) {
  BOOST_TEST(localizedDefault(R"("plain")") == "plain");
  BOOST_TEST(localizedDefault(R"({"cs": "Ahoj", "en": "Hello"})") == "Hello");
  BOOST_TEST(localizedDefault(R"({"cs": "Ahoj", "de": "Hallo"})") == "Ahoj");
}

BOOST_AUTO_TEST_SUITE_END()
