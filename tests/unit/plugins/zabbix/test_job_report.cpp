#define BOOST_TEST_MODULE zabbix job report
#include <boost/test/unit_test.hpp>

#include "JobReport.h"

#include <nlohmann/json.hpp>

using namespace mfx::zabbix;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kAttrs =
    R"({"phase":"%P","job_id":42,"company_id":3,"runtemplate_id":7,"app_name":"Bank import","app_code":"demo",)"
    R"("company_code":"acme","company_name":"ACME","interval":"h","interval_seconds":3600,"launched_by":"cron"%X})";

std::string attrs(const std::string& phase, const std::string& extra = "") {
  std::string s = kAttrs;
  s.replace(s.find("%P"), 2, phase);
  s.replace(s.find("%X"), 2, extra);
  return s;
}

struct Event {
  std::string attributes;
  mfx_job_event raw{};
  Event(int32_t kind, std::string a, int64_t ts = 1700000000123) : attributes(std::move(a)) {
    raw.struct_size = sizeof raw;
    raw.kind = kind;
    raw.scope = {3, 42};
    raw.runtemplate_id = 7;
    raw.timestamp_ms = ts;
    raw.exit_code = -1;
    raw.attributes_json = {attributes.data(), attributes.size()};
  }
  mfx::JobEventView view() const { return mfx::JobEventView(&raw); }
};

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

std::vector<Outgoing> build(JobReport& r, const Event& e, std::chrono::system_clock::time_point now = kNow) {
  std::string skipped;
  return r.build(e.view(), now, skipped);
}

}  // namespace

BOOST_AUTO_TEST_CASE(scheduled_sends_one_lld_row_with_macros_and_plain_keys) {
  JobReport r("fallback-host");
  const auto out = build(r, Event(MFX_EV_SCHEDULED, attrs("created")));
  BOOST_REQUIRE_EQUAL(out.size(), 1u);
  BOOST_TEST(out[0].value.key == "multiflexi.job.lld");
  BOOST_TEST(out[0].value.host == "fallback-host");
  BOOST_TEST(out[0].value.clock == 1700000000);
  BOOST_TEST(out[0].value.ns == 123000000);
  const json rows = json::parse(out[0].value.value);
  BOOST_REQUIRE(rows.is_array());
  BOOST_REQUIRE_EQUAL(rows.size(), 1u);
  BOOST_TEST(rows[0]["{#PHASE}"] == "created");
  BOOST_TEST(rows[0]["{#JOB_ID}"] == "42");
  BOOST_TEST(rows[0]["{#COMPANY_CODE}"] == "acme");
  BOOST_TEST(rows[0]["{#APP_CODE}"] == "demo");
  BOOST_TEST(rows[0]["{#RUNTEMPLATE_ID}"] == "7");
  BOOST_TEST(rows[0]["{#INTERVAL_SECONDS}"] == "3600");
  BOOST_TEST(rows[0]["{#NODATA_SECONDS}"] == "7200");
  BOOST_TEST(rows[0]["JOB_ID"] == 42);
  BOOST_TEST(rows[0]["PHASE"] == "created");
}

BOOST_AUTO_TEST_CASE(start_and_end_send_the_report_as_the_template_item) {
  JobReport r("fallback-host");
  build(r, Event(MFX_EV_SCHEDULED, attrs("created")));
  const auto start = build(r, Event(MFX_EV_STARTED, attrs("jobStart")));
  BOOST_REQUIRE_EQUAL(start.size(), 1u);
  BOOST_TEST(start[0].value.key == "job-[acme-demo-7]");
  BOOST_TEST(json::parse(start[0].value.value)["phase"] == "jobStart");
  Event done(MFX_EV_FINISHED, attrs("jobDone", R"(,"exitcode":2,"exitcode_description":"Undocumented","data":"{\"x\":1}")"));
  const auto end = build(r, done);
  BOOST_REQUIRE_EQUAL(end.size(), 1u);
  const json report = json::parse(end[0].value.value);
  BOOST_TEST(report["exitcode"] == 2);
  BOOST_TEST(report["exitcode_description"] == "Undocumented");
  BOOST_TEST(report["data"] == "{\"x\":1}");
  BOOST_TEST(report["app_name"] == "Bank import");
}

BOOST_AUTO_TEST_CASE(host_is_the_companys_zabbix_host_when_set) {
  JobReport r("fallback-host");
  const auto out = build(r, Event(MFX_EV_SCHEDULED, attrs("created", R"(,"company_zabbix_host":"acme-zbx")")));
  BOOST_TEST(out.at(0).value.host == "acme-zbx");
  const auto empty = build(r, Event(MFX_EV_SCHEDULED, attrs("created", R"(,"company_zabbix_host":"")")));
  BOOST_TEST(empty.at(0).value.host == "fallback-host");
}

BOOST_AUTO_TEST_CASE(an_unannounced_template_gets_its_discovery_first_and_fresh_values) {
  JobReport r("h");
  const auto out = build(r, Event(MFX_EV_STARTED, attrs("jobStart")));
  BOOST_REQUIRE_EQUAL(out.size(), 2u);
  BOOST_TEST(out[0].value.key == "multiflexi.job.lld");
  BOOST_TEST(!out[0].fresh);
  BOOST_TEST(out[1].value.key == "job-[acme-demo-7]");
  BOOST_TEST(out[1].fresh);
  const auto soon = build(r, Event(MFX_EV_FINISHED, attrs("jobDone")), kNow + 10s);
  BOOST_REQUIRE_EQUAL(soon.size(), 1u);
  BOOST_TEST(soon[0].fresh);
  const auto later = build(r, Event(MFX_EV_STARTED, attrs("jobStart")), kNow + JobReport::kFreshWindow + 1s);
  BOOST_REQUIRE_EQUAL(later.size(), 1u);
  BOOST_TEST(!later[0].fresh);
}

BOOST_AUTO_TEST_CASE(missing_fields_are_filled_from_the_event_not_invented) {
  JobReport r("h");
  Event e(MFX_EV_FINISHED, R"({"company_code":"acme","app_code":"demo"})");
  e.raw.exit_code = 3;
  const auto out = build(r, e);
  const json report = json::parse(out.back().value.value);
  BOOST_TEST(report["phase"] == "jobDone");
  BOOST_TEST(report["job_id"] == 42);
  BOOST_TEST(report["exitcode"] == 3);
  BOOST_TEST(!report.contains("exitcode_description"));
  BOOST_TEST(out.back().value.key == "job-[acme-demo-7]");
}

BOOST_AUTO_TEST_CASE(no_item_value_without_codes) {
  JobReport r("h");
  std::string skipped;
  Event e(MFX_EV_STARTED, R"({"phase":"jobStart","company_code":42})");
  const auto out = r.build(e.view(), kNow, skipped);
  BOOST_TEST(out.empty());
  BOOST_TEST(skipped.find("company_code") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(hostile_attributes) {
  JobReport r("h");
  for (const std::string bad : {"[1]", "\"str\"", "{", "null", "{\"a\":1}garbage"}) {
    Event e(MFX_EV_STARTED, bad);
    BOOST_CHECK_THROW(build(r, e), std::invalid_argument);
  }
  // NUL bytes and quotes in values stay inside JSON strings.
  const std::string nul = R"({"company_code":"acme","app_code":"demo","message":"a\u0000b\"'; DROP TABLE history;--"})";
  const std::string message = json::parse(build(r, Event(MFX_EV_STARTED, nul)).back().value.value)["message"];
  BOOST_TEST(message == std::string("a\0b\"'; DROP TABLE history;--", 28));
  BOOST_TEST(build(r, Event(MFX_EV_STARTED, "")).empty());
}

BOOST_AUTO_TEST_CASE(values_of_one_item_never_share_a_timestamp) {
  // Zabbix keeps one value per (item, clock, ns): a start and an end in the
  // same millisecond would otherwise lose the start.
  JobReport r("h");
  const auto start = build(r, Event(MFX_EV_STARTED, attrs("jobStart"))).back().value;
  const auto end = build(r, Event(MFX_EV_FINISHED, attrs("jobDone"))).back().value;
  BOOST_TEST(start.clock == end.clock);
  BOOST_TEST(end.ns == start.ns + 1);
}
