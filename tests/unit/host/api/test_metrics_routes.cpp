// GET /metrics over a real store: a viewer of one company sees its templates'
// series and nothing of another company's, no host series; the admin sees
// every template and the host (queue, running, latency, lost, plugins,
// monitors, build info); no caller is refused; the template cap is counted;
// hostile names never break the document.
#define BOOST_TEST_MODULE metrics_routes
#include <boost/test/unit_test.hpp>

#include "ApiFixture.h"
#include "api/MetricsRoutes.h"
#include "common/Exceptions.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::ApiFixture;

namespace {

constexpr Instant kNow = 1'796'601'600'000;

struct MetricsFixture : ApiFixture {
  ApiEnvironment environment;

  void sql(const std::string& statement, const Sql::Bindings& b = {}) {
    Poco::Data::Session s = catalog->database().session();
    Sql::execute(s, statement, b);
  }
  void end(int64_t jobId, const std::string& state, Instant begin, Instant end) {
    sql("UPDATE job SET state = ?, begin_at = ?, end_at = ? WHERE id = ?",
        {Sql::value(state), Sql::value(begin), Sql::value(end), Sql::value(jobId)});
  }
  ApiResponse scrape(std::optional<Caller> caller) {
    return call(metricsRoutes(environment, [] { return kNow; }), "GET", "/metrics", request(std::move(caller)));
  }
  std::string text(std::optional<Caller> caller) {
    const ApiResponse r = scrape(std::move(caller));
    BOOST_REQUIRE(r.raw.has_value());
    return *r.raw;
  }
  /// The sample lines of `document` that start with `prefix`.
  static std::vector<std::string> lines(const std::string& document, const std::string& prefix) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < document.size()) {
      const std::size_t eol = document.find('\n', at);
      const std::string line = document.substr(at, eol - at);
      if (line.rfind(prefix, 0) == 0) out.push_back(line);
      at = eol == std::string::npos ? document.size() : eol + 1;
    }
    return out;
  }
};

bool has(const std::string& document, const std::string& text) { return document.find(text) != std::string::npos; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(metrics_routes, MetricsFixture)

BOOST_AUTO_TEST_CASE(the_admin_sees_every_template_and_the_host) {
  end(acmeJob, "failed", kNow - 65'000, kNow - 5'000);
  end(betaJob, "success", kNow - 3'000, kNow - 1'000);
  environment.monitorStats = [] {
    return std::vector<MonitorStats>{{"zabbix", "org.multiflexi.zabbix", 10, 2, 1, 3}};
  };
  const ApiResponse r = scrape(admin());
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.contentType == "text/plain; version=0.0.4; charset=utf-8");
  const std::string t = *r.raw;
  const std::string acmeLabels = "company=\"acme\",template=\"" + std::to_string(acmeTemplate) +
                                 "\",template_name=\"acme report\",application=\"";
  BOOST_TEST(lines(t, "multiflexi_runtemplate_last_outcome{" + acmeLabels).size() == 4u);
  BOOST_TEST(has(t, "multiflexi_runtemplate_last_outcome{" + acmeLabels), t);
  BOOST_TEST(lines(t, "multiflexi_runtemplate_last_outcome{company=\"acme\"").size() == 4u);
  BOOST_TEST(has(t, "\",outcome=\"failed\"} 1\n"));
  BOOST_TEST(lines(t, "multiflexi_runtemplate_runs_total{company=\"beta\"").size() == 4u);
  BOOST_TEST(has(t, "multiflexi_runtemplate_last_run_end_timestamp_seconds{" + acmeLabels));
  BOOST_TEST(lines(t, "multiflexi_runtemplate_last_run_start_timestamp_seconds{company=\"acme\"").front().find(
                 " 1796601535") != std::string::npos);
  BOOST_TEST(lines(t, "multiflexi_runtemplate_run_duration_seconds_count{company=\"acme\"").front().back() == '1');
  BOOST_TEST(lines(t, "multiflexi_runtemplate_missed_slots_total{").size() == 2u);
  BOOST_TEST(has(t, "multiflexi_runtemplates_omitted 0\n"));
  // The host
  BOOST_TEST(has(t, "multiflexi_queue_depth 0\n"));  // the seeded jobs ended
  BOOST_TEST(has(t, "multiflexi_running_jobs 0\n"));
  BOOST_TEST(has(t, "multiflexi_job_launch_latency_seconds_count 2\n"));
  BOOST_TEST(has(t, "multiflexi_jobs_lost_total 0\n"));
  BOOST_TEST(has(t, "multiflexi_plugin_load_failures 0\n"));
  BOOST_TEST(has(t, "multiflexi_monitor_events_delivered_total{monitor=\"zabbix\"} 10\n"));
  BOOST_TEST(has(t, "multiflexi_monitor_events_dropped_total{monitor=\"zabbix\"} 2\n"));
  BOOST_TEST(has(t, "multiflexi_monitor_events_failed_total{monitor=\"zabbix\"} 1\n"));
  BOOST_TEST(has(t, "multiflexi_monitor_events_queued{monitor=\"zabbix\"} 3\n"));
  BOOST_TEST(has(t, "multiflexi_build_info{version=\"" MFX_VERSION "\",abi=\""), t);
}

BOOST_AUTO_TEST_CASE(a_viewer_sees_only_his_companys_templates_and_no_host_series) {
  end(betaJob, "failed", kNow - 3'000, kNow - 1'000);
  environment.monitorStats = [] { return std::vector<MonitorStats>{{"zabbix", "org.multiflexi.zabbix", 1, 0, 0, 0}}; };
  for (CompanyRole role : {CompanyRole::Viewer, CompanyRole::Operator, CompanyRole::Editor}) {
    const std::string t = text(member(acme, role));
    BOOST_TEST(!has(t, "beta"), t);
    BOOST_TEST(!lines(t, "multiflexi_runtemplate_runs_total{company=\"acme\"").empty());
    for (const char* host : {"multiflexi_queue_depth", "multiflexi_running_jobs", "multiflexi_job_launch_latency",
                             "multiflexi_jobs_lost_total", "multiflexi_plugin_load_failures", "multiflexi_monitor_",
                             "multiflexi_build_info", "multiflexi_metrics_recounts_total"})
      BOOST_TEST(!has(t, host), host);
  }
  // A user with no company sees the families and no series.
  Caller nobody;
  nobody.userId = 9;
  nobody.name = "nobody";
  const std::string none = text(nobody);
  BOOST_TEST(lines(none, "multiflexi_runtemplate_").empty());
  BOOST_TEST(has(none, "multiflexi_runtemplates_omitted 0\n"));
}

BOOST_AUTO_TEST_CASE(without_a_caller_it_is_refused) {
  BOOST_CHECK_THROW(scrape(std::nullopt), UnauthorizedException);
  const auto routes = metricsRoutes(environment);
  BOOST_REQUIRE(routes.size() == 1u);
  BOOST_TEST(routes[0].authenticated);
  BOOST_TEST(!routes[0].suffix);
}

BOOST_AUTO_TEST_CASE(templates_past_the_cap_are_left_out_and_counted) {
  environment.metricsMaxTemplates = 1;
  std::string t = text(admin());
  BOOST_TEST(lines(t, "multiflexi_runtemplate_missed_slots_total{").size() == 1u);
  BOOST_TEST(has(t, "template=\"" + std::to_string(acmeTemplate) + "\""));  // the lowest id
  BOOST_TEST(has(t, "multiflexi_runtemplates_omitted 1\n"));
  // The viewer's cap counts only what he could see.
  t = text(member(beta, CompanyRole::Viewer));
  BOOST_TEST(has(t, "multiflexi_runtemplates_omitted 0\n"));
  // An inactive template is not reported at all.
  environment.metricsMaxTemplates = 0;
  sql("UPDATE runtemplate SET active = 0 WHERE id = ?", {Sql::value(betaTemplate)});
  BOOST_TEST(has(text(admin()), "multiflexi_runtemplates_omitted 1\n"));
}

BOOST_AUTO_TEST_CASE(hostile_names_stay_inside_their_labels) {
  const char raw[] = "x\"} 1\nmultiflexi_jobs_lost_total 99\n\\'; DROP TABLE job;--\0end";
  const std::string hostile = std::string(raw, sizeof raw - 1) + std::string(5000, 'n');
  sql("UPDATE runtemplate SET name = ? WHERE id = ?", {Sql::value(hostile), Sql::value(acmeTemplate)});
  sql("UPDATE company SET slug = ? WHERE id = ?", {Sql::value(std::string("ac\"me\nx")), Sql::value(acme)});
  const std::string t = text(admin());
  BOOST_TEST(lines(t, "multiflexi_jobs_lost_total").size() == 1u, t);  // nothing injected
  BOOST_TEST(has(t, "multiflexi_jobs_lost_total 0\n"));
  // (the store reads text up to a NUL; the exposition's own test covers NUL in a value)
  BOOST_TEST(has(t, "template_name=\"x\\\"} 1\\nmultiflexi_jobs_lost_total 99\\n\\\\'; DROP TABLE job;--"), t);
  BOOST_TEST(has(t, "company=\"ac\\\"me\\nx\""));
  for (const std::string& line : lines(t, "multiflexi_runtemplate_missed_slots_total{"))
    BOOST_TEST(line.size() < 2000u);  // the name was cut
}

BOOST_AUTO_TEST_SUITE_END()
