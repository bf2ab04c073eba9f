// The `otel` monitor of mfx_otel: copies each job event into the exporter's
// queue (never blocking, never touching the network). When OTEL_ENABLED is
// not true it idles and says so once, at load.
// THREADS: onEvent and flush come from the host's queue thread for this monitor.
#pragma once

#include "OtelExporter.h"

#include <multiflexi/mfx_plugin.hpp>

#include <memory>

namespace mfx::otel {

/// The event kinds the monitor asks for.
inline constexpr uint32_t kEventMask = MFX_EV_BIT(MFX_EV_SCHEDULED) | MFX_EV_BIT(MFX_EV_STARTED) |
                                       MFX_EV_BIT(MFX_EV_FINISHED) | MFX_EV_BIT(MFX_EV_FAILED_TO_START) |
                                       MFX_EV_BIT(MFX_EV_CANCELLED) | MFX_EV_BIT(MFX_EV_LOST) |
                                       MFX_EV_BIT(MFX_EV_HEARTBEAT);

class OtelMonitor : public Monitor {
 public:
  /// Reads the settings (throws Invalid on a malformed one) and, when
  /// enabled, starts the exporter.
  OtelMonitor(const Host& host, std::string version, RetryPolicy retry = {});

  void onEvent(const JobEventView& event) override;
  void flush() override;

  /// The exporter, or nullptr when disabled (for tests).
  OtelExporter* exporter() { return _exporter.get(); }

 private:
  std::unique_ptr<OtelExporter> _exporter;
};

}  // namespace mfx::otel
