// The attributes monitors receive: every key of sdk/README.md "Monitor
// events" with its type, the phases and outcomes, the 64 KiB cap on data,
// no secret of the job's environment, and hostile texts kept valid JSON.
#include <boost/test/unit_test.hpp>

#include "domain/JobTrace.h"
#include "monitor/JobReport.h"

#include <nlohmann/json.hpp>

#include <map>

using namespace MultiFlexi;
using Json = nlohmann::json;

namespace {

struct Records {
  Job job;
  RunTemplate runTemplate;
  Application app;
  Company company;

  Records() {
    app.id = 3;
    app.name = "Bank import";
    app.uuid = "6a7f5b4e-0000-4000-8000-000000000001";
    app.executable = "/usr/bin/abraflexi-bank-import";
    app.version = "1.2.3";
    app.exitCodes.push_back(ExitCodeSpec{2, R"({"en":"No statements","cs":"Žádné výpisy"})", "warning", false});
    company.id = 5;
    company.name = "Demo s.r.o.";
    company.slug = "demo";
    company.zabbixHost = "demo.example";
    company.environment["BANK_TOKEN"] = "s3cr3t-company-token";
    runTemplate.id = 7;
    runTemplate.name = "import daily";
    runTemplate.interval = 'd';
    runTemplate.config["API_PASSWORD"] = "s3cr3t-template-password";
    runTemplate.secretConfig.insert("API_PASSWORD");
    job.id = 42;
    job.runtemplateId = 7;
    job.companyId = 5;
    job.appId = 3;
    job.executor = "native";
    job.scheduleType = "daily";
    job.slot = 1'765'101'600'000;
    job.scheduledFor = 1'765'101'600'000;
    job.beginAt = 1'765'101'601'000;
    job.endAt = 1'765'101'603'500;
    job.state = JobState::Failed;
    job.outcome = "exited";
    job.exitCode = 2;
    job.message = "exit code 2";
    job.pid = 4711;
    job.appVersion = "1.2.3";
    job.createdAt = 1'765'101'599'000;
  }

  JobReportInput input(int32_t kind) const {
    JobReportInput in;
    in.kind = kind;
    in.job = &job;
    in.runTemplate = &runTemplate;
    in.app = &app;
    in.company = &company;
    in.at = 1'765'101'603'500;
    in.resultFile = "env_report.json";
    in.resultData = R"({"rows":3})";
    in.host = "box1";
    return in;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(job_report)

BOOST_AUTO_TEST_CASE(an_end_event_carries_every_key_of_the_sdk_table) {
  const Records r;
  const MonitorEvent ev = jobReport(r.input(MFX_EV_FINISHED));
  const Json a = Json::parse(ev.attributesJson);
  const std::map<std::string, Json::value_t> keys = {
      {"phase", Json::value_t::string},           {"job_id", Json::value_t::number_integer},
      {"app_id", Json::value_t::number_integer},  {"company_id", Json::value_t::number_integer},
      {"runtemplate_id", Json::value_t::number_integer}, {"app_name", Json::value_t::string},
      {"app_uuid", Json::value_t::string},        {"app_code", Json::value_t::string},
      {"company_name", Json::value_t::string},    {"company_code", Json::value_t::string},
      {"company_zabbix_host", Json::value_t::string}, {"runtemplate_name", Json::value_t::string},
      {"executor", Json::value_t::string},        {"schedule_type", Json::value_t::string},
      {"interval", Json::value_t::string},        {"interval_seconds", Json::value_t::number_integer},
      {"launched_by", Json::value_t::string},     {"scheduled", Json::value_t::string},
      {"begin", Json::value_t::string},           {"end", Json::value_t::string},
      {"outcome", Json::value_t::string},         {"exitcode", Json::value_t::number_integer},
      {"exitcode_description", Json::value_t::string}, {"message", Json::value_t::string},
      {"version", Json::value_t::string},         {"pid", Json::value_t::number_integer},
      {"result_file", Json::value_t::string},     {"data", Json::value_t::string},
      {"trace_id", Json::value_t::string},        {"span_id", Json::value_t::string},
      {"run_span_id", Json::value_t::string},     {"host", Json::value_t::string}};
  for (const auto& [key, type] : keys) {
    BOOST_TEST_CONTEXT(key) {
      BOOST_REQUIRE(a.contains(key));
      // nlohmann reads non-negative integers as unsigned
      const auto actual = a[key].type() == Json::value_t::number_unsigned ? Json::value_t::number_integer : a[key].type();
      BOOST_TEST(static_cast<int>(actual) == static_cast<int>(type));
    }
  }
  BOOST_TEST(a.size() == keys.size());  // nothing else, nothing null
  BOOST_TEST(a["phase"] == "jobDone");
  BOOST_TEST(a["app_code"] == "abraflexi-bank-import");
  BOOST_TEST(a["company_code"] == "demo");
  BOOST_TEST(a["interval"] == "d");
  BOOST_TEST(a["interval_seconds"] == 86400);
  BOOST_TEST(a["launched_by"] == "cron");
  BOOST_TEST(a["scheduled"] == "2025-12-07T10:00:00.000Z");
  BOOST_TEST(a["outcome"] == "failed");
  BOOST_TEST(a["exitcode"] == 2);
  BOOST_TEST(a["exitcode_description"] == "No statements");
  BOOST_TEST(a["data"] == R"({"rows":3})");
  const JobTrace trace = jobTrace(42, r.job.createdAt);
  BOOST_TEST(a["trace_id"] == trace.traceId);
  BOOST_TEST(a["span_id"] == trace.spanId);
  BOOST_TEST(a["run_span_id"] == trace.runSpanId);
  BOOST_TEST(ev.kind == MFX_EV_FINISHED);
  BOOST_TEST(ev.jobId == 42);
  BOOST_TEST(ev.companyId == 5);
  BOOST_TEST(ev.runtemplateId == 7);
  BOOST_TEST(ev.appUuid == *r.app.uuid);
  BOOST_TEST(ev.executorId == "native");
  BOOST_TEST(ev.durationMs == 2500);
  BOOST_TEST(ev.exitCode == 2);
}

BOOST_AUTO_TEST_CASE(no_secret_of_the_jobs_environment_is_in_an_event) {
  const Records r;
  for (int32_t kind : {MFX_EV_SCHEDULED, MFX_EV_STARTED, MFX_EV_FINISHED, MFX_EV_LOST}) {
    const std::string text = jobReport(r.input(kind)).attributesJson;
    BOOST_TEST(text.find("s3cr3t") == std::string::npos);
    BOOST_TEST(text.find("BANK_TOKEN") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(start_events_carry_no_end_fields) {
  Records r;
  r.job.endAt.reset();
  r.job.state = JobState::Running;
  const Json a = Json::parse(jobReport(r.input(MFX_EV_STARTED)).attributesJson);
  BOOST_TEST(a["phase"] == "jobStart");
  for (const char* key : {"end", "outcome", "exitcode", "exitcode_description", "message", "data"})
    BOOST_TEST(!a.contains(key), key);
  const Json created = Json::parse(jobReport(r.input(MFX_EV_SCHEDULED)).attributesJson);
  BOOST_TEST(created["phase"] == "created");
}

BOOST_AUTO_TEST_CASE(missing_records_leave_their_keys_out) {
  Records r;
  r.job.slot.reset();
  r.job.launchedBy = "alice";
  r.job.runtemplateId.reset();
  JobReportInput in = r.input(MFX_EV_FINISHED);
  in.app = nullptr;
  in.company = nullptr;
  in.runTemplate = nullptr;
  in.resultData.reset();
  const Json a = Json::parse(jobReport(in).attributesJson);
  for (const char* key : {"app_name", "company_name", "runtemplate_name", "runtemplate_id", "interval", "data",
                          "company_zabbix_host"})
    BOOST_TEST(!a.contains(key), key);
  BOOST_TEST(a["launched_by"] == "alice");
  BOOST_TEST(a["exitcode_description"] == "Undocumented");
  for (const auto& item : a.items()) BOOST_TEST(!item.value().is_null(), item.key());
}

BOOST_AUTO_TEST_CASE(result_data_over_64_kib_is_left_out) {
  const Records r;
  JobReportInput in = r.input(MFX_EV_FINISHED);
  in.resultData = std::string(64 << 10, 'x');
  BOOST_TEST(Json::parse(jobReport(in).attributesJson).contains("data"));
  in.resultData = std::string((64 << 10) + 1, 'x');
  BOOST_TEST(!Json::parse(jobReport(in).attributesJson).contains("data"));
}

BOOST_AUTO_TEST_CASE(hostile_texts_stay_valid_json) {
  Records r;
  r.app.name = "quote\" back\\ nul";
  r.app.name += '\0';
  r.app.name += " ctl\x01 bad\xff utf";
  r.job.message = "'; DROP TABLE job; --";
  JobReportInput in = r.input(MFX_EV_FINISHED);
  in.resultData = std::string("\0\xfe\xff", 3);
  const Json a = Json::parse(jobReport(in).attributesJson);  // throws when not JSON
  BOOST_TEST(a["message"] == "'; DROP TABLE job; --");
  BOOST_TEST(a["app_name"].get<std::string>().find("quote\"") == 0);
}

BOOST_AUTO_TEST_CASE(phases_kinds_and_outcomes) {
  BOOST_TEST(std::string(phaseOf(MFX_EV_FAILED_TO_START)) == "failedToStart");
  BOOST_TEST(std::string(phaseOf(MFX_EV_CANCELLED)) == "cancelled");
  BOOST_TEST(std::string(phaseOf(MFX_EV_LOST)) == "lost");
  BOOST_TEST(endKindOf("launch_failed", JobState::Failed) == MFX_EV_FAILED_TO_START);
  BOOST_TEST(endKindOf("cancelled", JobState::Cancelled) == MFX_EV_CANCELLED);
  BOOST_TEST(endKindOf("lost", JobState::Lost) == MFX_EV_LOST);
  BOOST_TEST(endKindOf("exited", JobState::Success) == MFX_EV_FINISHED);
  BOOST_TEST(endKindOf("timed_out", JobState::Failed) == MFX_EV_FINISHED);
  BOOST_TEST(reportedOutcome("exited", JobState::Success) == "success");
  BOOST_TEST(reportedOutcome("exited", JobState::Failed) == "failed");
  BOOST_TEST(reportedOutcome("signaled", JobState::Failed) == "failed");
  BOOST_TEST(reportedOutcome("timed_out", JobState::Failed) == "timed_out");
  BOOST_TEST(reportedOutcome("launch_failed", JobState::Failed) == "failed_to_start");
  BOOST_TEST(reportedOutcome("cancelled", JobState::Cancelled) == "cancelled");
  BOOST_TEST(intervalSeconds('i') == 60);
  BOOST_TEST(intervalSeconds('c') == 0);
  BOOST_TEST(intervalSeconds('n') == 0);
}

BOOST_AUTO_TEST_SUITE_END()
