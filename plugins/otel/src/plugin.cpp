// Entry points of mfx_otel.so.
#include "OtelMonitor.h"

#ifndef MFX_OTEL_VERSION
#error "MFX_OTEL_VERSION must be defined by the build"
#endif

MFX_PLUGIN("org.multiflexi.otel", MFX_OTEL_VERSION, [](mfx::Registrar& registrar, const mfx::Host& host) {
  registrar.monitor("otel", "OpenTelemetry (OTLP/HTTP JSON)", mfx::otel::kEventMask,
                    std::make_unique<mfx::otel::OtelMonitor>(host, MFX_OTEL_VERSION));
})
