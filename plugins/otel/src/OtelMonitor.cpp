#include "OtelMonitor.h"

namespace mfx::otel {

OtelMonitor::OtelMonitor(const Host& host, std::string version, RetryPolicy retry) {
  const OtelSettings settings = OtelSettings::fromHost(host);
  if (!settings.enabled) {
    host.log(Level::Information, "OpenTelemetry export is off (OTEL_ENABLED is not true); job events are ignored");
    return;
  }
  Resource resource{settings.serviceName, version, settings.hostName};
  _exporter = std::make_unique<OtelExporter>(
      settings, std::move(resource), std::move(version),
      [host](Level level, const std::string& message) { host.log(level, message); }, retry);
  host.log(Level::Information, "OpenTelemetry export to " + shownUrl(settings.tracesUrl) + " and " + shownUrl(settings.metricsUrl));
}

void OtelMonitor::onEvent(const JobEventView& event) {
  if (!_exporter) return;
  const mfx_job_event* ev = event.raw();
  Event copy;
  copy.kind = ev->kind;
  copy.companyId = ev->scope.company_id;
  copy.jobId = ev->scope.job_id;
  copy.runtemplateId = ev->runtemplate_id;
  copy.executor = std::string(view(ev->executor_id));
  copy.timestampMs = ev->timestamp_ms;
  copy.durationMs = ev->duration_ms;
  copy.exitCode = ev->exit_code;
  copy.attributesJson = std::string(view(ev->attributes_json));
  _exporter->enqueue(std::move(copy));
}

void OtelMonitor::flush() {
  if (_exporter) _exporter->flush();
}

}  // namespace mfx::otel
