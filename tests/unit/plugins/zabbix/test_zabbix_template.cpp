// The shipped Zabbix 6.0 template (plugins/zabbix/template), checked as far
// as is possible without a Zabbix frontend (configuration.import is a PHP
// frontend API): export format, unique UUIDs, the discovery rule and item
// keys the plugin sends, dependent items and triggers that point at
// prototypes of the rule, and only LLD macros the plugin really sends.
#define BOOST_TEST_MODULE zabbix template
#include <boost/test/unit_test.hpp>

#include "JobReport.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <regex>
#include <set>

using namespace mfx::zabbix;

namespace {

const std::string kTemplate = std::string(MFX_SOURCE_DIR) + "/plugins/zabbix/template/multiflexi_jobs_zabbix6.yaml";

YAML::Node rule() {
  const YAML::Node doc = YAML::LoadFile(kTemplate);
  return doc["zabbix_export"]["templates"][0]["discovery_rules"][0];
}

void collectStrings(const YAML::Node& n, std::vector<std::string>& out) {
  if (n.IsScalar()) out.push_back(n.as<std::string>());
  if (n.IsSequence() || n.IsMap())
    for (const auto& child : n) {
      if (n.IsMap()) {
        collectStrings(child.second, out);
      } else {
        collectStrings(child, out);
      }
    }
}

void collectUuids(const YAML::Node& n, std::vector<std::string>& out) {
  if (n.IsMap()) {
    for (const auto& kv : n) {
      if (kv.first.as<std::string>() == "uuid") out.push_back(kv.second.as<std::string>());
      collectUuids(kv.second, out);
    }
  } else if (n.IsSequence()) {
    for (const auto& child : n) collectUuids(child, out);
  }
}

// The LLD macros the plugin sends for an event carrying every documented attribute.
std::set<std::string> sentMacros() {
  const std::string attrs =
      R"({"phase":"created","job_id":1,"app_id":2,"company_id":3,"runtemplate_id":4,"app_name":"a","app_uuid":"u",)"
      R"("app_code":"c","company_name":"n","company_code":"acme","company_zabbix_host":"z","runtemplate_name":"r",)"
      R"("executor":"native","schedule_type":"daily","interval":"d","interval_seconds":86400,"launched_by":"cron",)"
      R"("scheduled":"2026-12-07T10:00:00.000Z","version":"1","trace_id":"t","span_id":"s","run_span_id":"r",)"
      R"("host":"h"})";
  mfx_job_event ev{};
  ev.struct_size = sizeof ev;
  ev.kind = MFX_EV_SCHEDULED;
  ev.attributes_json = {attrs.data(), attrs.size()};
  JobReport report("h");
  std::string skipped;
  const auto out = report.build(mfx::JobEventView(&ev), std::chrono::system_clock::now(), skipped);
  std::set<std::string> macros;
  const nlohmann::json rows = nlohmann::json::parse(out.at(0).value.value);
  for (const auto& [name, value] : rows.at(0).items())
    if (name.rfind("{#", 0) == 0) macros.insert(name);
  return macros;
}

}  // namespace

BOOST_AUTO_TEST_CASE(is_a_zabbix_6_0_export_with_one_template) {
  const YAML::Node doc = YAML::LoadFile(kTemplate);
  BOOST_TEST(doc["zabbix_export"]["version"].as<std::string>() == "6.0");
  BOOST_REQUIRE_EQUAL(doc["zabbix_export"]["templates"].size(), 1u);
  const YAML::Node t = doc["zabbix_export"]["templates"][0];
  BOOST_TEST(t["template"].as<std::string>() == "MultiFlexi jobs");
  BOOST_TEST(t["groups"][0]["name"].as<std::string>() == doc["zabbix_export"]["groups"][0]["name"].as<std::string>());
}

BOOST_AUTO_TEST_CASE(uuids_are_32_hex_digits_and_unique) {
  std::vector<std::string> uuids;
  collectUuids(YAML::LoadFile(kTemplate), uuids);
  BOOST_TEST(uuids.size() >= 7u);
  const std::regex hex("[0-9a-f]{32}");
  for (const auto& u : uuids) BOOST_TEST(std::regex_match(u, hex), u);
  BOOST_TEST(std::set<std::string>(uuids.begin(), uuids.end()).size() == uuids.size());
}

BOOST_AUTO_TEST_CASE(discovery_rule_and_report_item_have_the_keys_the_plugin_sends) {
  const YAML::Node r = rule();
  BOOST_TEST(r["key"].as<std::string>() == "multiflexi.job.lld");
  BOOST_TEST(r["type"].as<std::string>() == "TRAP");
  const YAML::Node report = r["item_prototypes"][0];
  BOOST_TEST(report["key"].as<std::string>() == "job-[{#COMPANY_CODE}-{#APP_CODE}-{#RUNTEMPLATE_ID}]");
  BOOST_TEST(report["type"].as<std::string>() == "TRAP");
  BOOST_TEST(report["value_type"].as<std::string>() == "TEXT");
}

BOOST_AUTO_TEST_CASE(dependent_items_and_triggers_point_at_prototypes_of_the_rule) {
  const YAML::Node r = rule();
  std::set<std::string> keys;
  for (const auto& item : r["item_prototypes"]) keys.insert(item["key"].as<std::string>());
  int triggers = 0;
  bool failed = false;
  bool nodata = false;
  for (const auto& item : r["item_prototypes"]) {
    if (item["type"].as<std::string>() == "DEPENDENT")
      BOOST_TEST(keys.count(item["master_item"]["key"].as<std::string>()) == 1u);
    for (const auto& trigger : item["trigger_prototypes"]) {
      ++triggers;
      const std::string e = trigger["expression"].as<std::string>();
      const std::string ref = "/MultiFlexi jobs/" + item["key"].as<std::string>();
      BOOST_TEST(e.find(ref) != std::string::npos, e);
      failed |= e.find("multiflexi.job.exitcode[") != std::string::npos && e.find("<>0") != std::string::npos;
      nodata |= e.find("nodata(") != std::string::npos && e.find("{#NODATA_SECONDS}") != std::string::npos;
    }
  }
  BOOST_TEST(triggers >= 2);
  BOOST_TEST(failed);
  BOOST_TEST(nodata);
}

BOOST_AUTO_TEST_CASE(every_lld_macro_used_is_one_the_plugin_sends) {
  const std::set<std::string> sent = sentMacros();
  BOOST_TEST(sent.count("{#NODATA_SECONDS}") == 1u);
  std::vector<std::string> strings;
  collectStrings(rule(), strings);
  const std::regex macro(R"(\{#[A-Z0-9_.]+\})");
  int used = 0;
  for (const auto& s : strings)
    for (auto it = std::sregex_iterator(s.begin(), s.end(), macro); it != std::sregex_iterator(); ++it) {
      ++used;
      BOOST_TEST(sent.count(it->str()) == 1u, it->str() << " is not sent by the plugin");
    }
  BOOST_TEST(used > 10);
}
