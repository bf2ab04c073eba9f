// Entry points of mfx_native.so.
#include "NativeExecutor.h"

#ifndef MFX_NATIVE_VERSION
#error "MFX_NATIVE_VERSION must be defined by the build"
#endif

MFX_PLUGIN("org.multiflexi.native", MFX_NATIVE_VERSION,
           [](mfx::Registrar& registrar, const mfx::Host& host) {
             registrar.executor(
                 "native", "Native process",
                 "Runs the job's command as a local process in its own process group",
                 std::make_unique<mfx::native::NativeExecutor>(
                     mfx::native::NativeSettings::fromHost(host)));
           })
