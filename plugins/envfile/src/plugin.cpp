// Entry points of mfx_envfile.so.
#include "EnvFileCredential.h"

#ifndef MFX_ENVFILE_VERSION
#error "MFX_ENVFILE_VERSION must be defined by the build"
#endif

MFX_PLUGIN("org.multiflexi.envfile", MFX_ENVFILE_VERSION, [](mfx::Registrar& registrar, const mfx::Host&) {
  registrar.credentialType("envfile", "Env file",
                           "Variables of a KEY=VALUE file, read again every time a job starts", mfx::envfile::kSchema,
                           std::make_unique<mfx::envfile::EnvFileCredential>());
})
