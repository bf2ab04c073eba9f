/* The contract compiles as strict C99 with -Wall -Wextra -pedantic -Werror,
 * and a C plugin can fill every table. */
#include <multiflexi/mfx_plugin.h>

int mfx_c99_check(const mfx_host_api* host);
int mfx_c99_check(const mfx_host_api* host) {
  mfx_executor e = {sizeof(mfx_executor), "c99", "C99", 0, 0, 0, 0, 0, 0, 0};
  mfx_credential_type c = {sizeof(mfx_credential_type), "c99", "C99", 0, "{}", 0, 0, 0, 0};
  mfx_monitor m = {sizeof(mfx_monitor), "c99", "C99", 0, MFX_EV_BIT(MFX_EV_FINISHED), 0, 0, 0};
  mfx_kv kv = {{"K", 1}, {"V", 1}, MFX_KV_SECRET};
  mfx_scope scope = {1, 2};
  (void)e;
  (void)c;
  (void)m;
  (void)kv;
  (void)scope;
  return MFX_HAS(host, mfx_host_api, secret_get) ? MFX_OK : MFX_E_UNSUPPORTED;
}
