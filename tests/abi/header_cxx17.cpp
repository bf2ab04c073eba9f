// All SDK headers compile together as C++17 with the project's warnings.
#include <multiflexi/mfx_plugin.h>
#include <multiflexi/mfx_plugin.hpp>
#include <multiflexi/mfx_rules.hpp>
#include <multiflexi/mfx_testing.hpp>

int mfxCxx17Check();
int mfxCxx17Check() {
  mfx::testing::FakeHost host;
  return MFX_HAS(host.api(), mfx_host_api, secret_get) ? MFX_OK : MFX_E_UNSUPPORTED;
}
