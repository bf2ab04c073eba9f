#include "monitor/MetricsReport.h"

#include "monitor/MetricsAggregate.h"
#include "monitor/PrometheusText.h"
#include "store/MetricsQueries.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <set>

namespace MultiFlexi {

namespace {

/// The states a run ends in, the `outcome` label's values.
const std::vector<std::string> kOutcomes{"success", "failed", "cancelled", "lost"};

double seconds(Instant ms) { return static_cast<double>(ms) / 1000.0; }

MetricLabels labelsOf(const TemplateMetricsRow& t) {
  return {{"company", t.companySlug}, {"template", std::to_string(t.id)}, {"template_name", t.name},
          {"application", t.application}};
}

MetricLabels with(MetricLabels labels, const std::string& name, const std::string& value) {
  labels.emplace_back(name, value);
  return labels;
}

void templateSeries(PrometheusText& out, const std::vector<TemplateMetricsRow>& templates, const MetricsCounts& counts) {
  const auto runsOf = [&](int64_t id) -> const TemplateRuns* {
    const auto it = counts.templates.find(id);
    return it == counts.templates.end() ? nullptr : &it->second;
  };
  out.family("multiflexi_runtemplate_next_run_timestamp_seconds", "gauge",
             "When the template's next scheduled job is due (its next slot plus delay), unix seconds");
  for (const auto& t : templates)
    if (t.nextSchedule) out.sample("multiflexi_runtemplate_next_run_timestamp_seconds",
                                   labelsOf(t), seconds(*t.nextSchedule + 1000 * Instant(t.delaySeconds)));
  out.family("multiflexi_runtemplate_last_run_start_timestamp_seconds", "gauge",
             "When the template's latest ended job started, unix seconds");
  for (const auto& t : templates)
    if (const TemplateRuns* r = runsOf(t.id); r && r->last && r->last->begin)
      out.sample("multiflexi_runtemplate_last_run_start_timestamp_seconds", labelsOf(t), seconds(*r->last->begin));
  out.family("multiflexi_runtemplate_last_run_end_timestamp_seconds", "gauge",
             "When the template's latest ended job ended, unix seconds");
  for (const auto& t : templates)
    if (const TemplateRuns* r = runsOf(t.id); r && r->last)
      out.sample("multiflexi_runtemplate_last_run_end_timestamp_seconds", labelsOf(t), seconds(r->last->end));
  out.family("multiflexi_runtemplate_last_outcome", "gauge",
             "How the template's latest ended job ended: 1 for its outcome, 0 for the others");
  for (const auto& t : templates)
    if (const TemplateRuns* r = runsOf(t.id); r && r->last)
      for (const std::string& o : kOutcomes)
        out.sample("multiflexi_runtemplate_last_outcome", with(labelsOf(t), "outcome", o), r->last->state == o ? 1 : 0);
  out.family("multiflexi_runtemplate_runs_total", "counter", "Jobs of the template that ended, by outcome");
  for (const auto& t : templates) {
    const TemplateRuns* r = runsOf(t.id);
    for (const std::string& o : kOutcomes) {
      uint64_t n = 0;
      if (r)
        if (const auto it = r->byState.find(o); it != r->byState.end()) n = it->second;
      out.sample("multiflexi_runtemplate_runs_total", with(labelsOf(t), "outcome", o), static_cast<double>(n));
    }
  }
  out.family("multiflexi_runtemplate_run_duration_seconds", "histogram",
             "How long the template's ended jobs ran, from start to end, in seconds");
  const Histogram none(runDurationBuckets());
  for (const auto& t : templates) {
    const TemplateRuns* r = runsOf(t.id);
    out.histogram("multiflexi_runtemplate_run_duration_seconds", labelsOf(t), r ? r->duration : none);
  }
  out.family("multiflexi_runtemplate_missed_slots_total", "counter",
             "Slots of the template that its misfire policy skipped after downtime");
  for (const auto& t : templates)
    out.sample("multiflexi_runtemplate_missed_slots_total", labelsOf(t), static_cast<double>(t.missedSlots));
}

void hostSeries(PrometheusText& out, MetricsQueries& q, const MetricsCounts& counts, Instant now,
                const HostFacts& host) {
  out.family("multiflexi_queue_depth", "gauge", "Pending jobs that are due");
  out.sample("multiflexi_queue_depth", {}, static_cast<double>(q.pendingDue(now)));
  out.family("multiflexi_running_jobs", "gauge", "Jobs running now");
  out.sample("multiflexi_running_jobs", {}, static_cast<double>(q.runningCount()));
  out.family("multiflexi_job_launch_latency_seconds", "histogram",
             "From a job's due time to its start, in seconds, over ended jobs that started");
  out.histogram("multiflexi_job_launch_latency_seconds", {}, counts.launchLatency);
  out.family("multiflexi_jobs_lost_total", "counter", "Jobs ended lost (their executor's lease ran out)");
  out.sample("multiflexi_jobs_lost_total", {}, static_cast<double>(counts.lost));
  out.family("multiflexi_plugin_load_failures", "gauge", "Plugin files this process refused to load");
  out.sample("multiflexi_plugin_load_failures", {}, static_cast<double>(host.pluginLoadFailures));

  // One series per monitor id; a second monitor of the same id is left out (logged).
  std::vector<const MonitorStats*> monitors;
  std::set<std::string> seen;
  for (const MonitorStats& m : host.monitors) {
    if (seen.insert(m.monitorId).second) monitors.push_back(&m);
    else Poco::Logger::get("multiflexi.metrics").warning("metrics: a second monitor '%s' is left out", m.monitorId);
  }
  const auto counter = [&](const std::string& name, const std::string& help, uint64_t MonitorStats::*field) {
    out.family(name, "counter", help);
    for (const MonitorStats* m : monitors) out.sample(name, {{"monitor", m->monitorId}}, static_cast<double>(m->*field));
  };
  counter("multiflexi_monitor_events_delivered_total", "Events a monitor's callback took", &MonitorStats::delivered);
  counter("multiflexi_monitor_events_dropped_total", "Events dropped because the monitor's queue was full",
          &MonitorStats::dropped);
  counter("multiflexi_monitor_events_failed_total", "Events the monitor's callback failed on", &MonitorStats::failed);
  out.family("multiflexi_monitor_events_queued", "gauge", "Events waiting for the monitor's thread");
  for (const MonitorStats* m : monitors)
    out.sample("multiflexi_monitor_events_queued", {{"monitor", m->monitorId}}, static_cast<double>(m->queued));

  out.family("multiflexi_metrics_recounts_total", "counter",
             "Times the job counts were folded again because a job was recorded with an end before others counted");
  out.sample("multiflexi_metrics_recounts_total", {}, static_cast<double>(counts.rebuilds));
  out.family("multiflexi_build_info", "gauge", "The host's version and plugin ABI");
  out.sample("multiflexi_build_info", {{"version", host.version}, {"abi", host.abi}}, 1);
}

}  // namespace

std::string metricsText(Database& database, MetricsAggregate& aggregate, const Caller& caller, Instant now,
                        const HostFacts& host, std::size_t maxTemplates) {
  const MetricsCounts counts = aggregate.refresh(database);
  MetricsQueries q(database);
  const MetricsCompanyScope scope = caller.visibleCompanies();
  const std::vector<TemplateMetricsRow> templates = q.activeTemplates(scope, static_cast<int64_t>(maxTemplates));
  const int64_t active = q.activeTemplateCount(scope);

  PrometheusText out;
  templateSeries(out, templates, counts);
  out.family("multiflexi_runtemplates_omitted", "gauge",
             "Active run templates left out of these series (over MULTIFLEXI_METRICS_MAX_TEMPLATES)");
  out.sample("multiflexi_runtemplates_omitted", {},
             static_cast<double>(std::max<int64_t>(0, active - static_cast<int64_t>(templates.size()))));
  if (caller.admin) hostSeries(out, q, counts, now, host);
  return out.text();
}

}  // namespace MultiFlexi
