// Entry points of mfx_exec.so.
#include "ExecCredential.h"

#ifndef MFX_EXEC_VERSION
#error "MFX_EXEC_VERSION must be defined by the build"
#endif

MFX_PLUGIN("org.multiflexi.exec", MFX_EXEC_VERSION, [](mfx::Registrar& registrar, const mfx::Host&) {
  registrar.credentialType("exec", "Helper command",
                           "Variables printed by a helper command run at every job start (short-lived tokens)",
                           mfx::exec::kSchema, std::make_unique<mfx::exec::ExecCredential>());
})
