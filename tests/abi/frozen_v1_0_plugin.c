/* A plugin compiled against the frozen 1.0 header: the current host must
 * load it and run its executor. */
#include <multiflexi/mfx_plugin.h>

static const char kOut[] = "frozen 1.0 plugin ran\n";
static char frozen_handle;

static mfx_rc frozen_start(void* type_data, const mfx_job_spec* spec, const mfx_job_events* ev,
                           void** out_job, mfx_status* status) {
  mfx_str ref = {"", 0};
  mfx_str out = {kOut, sizeof kOut - 1};
  mfx_exit_info info;
  (void)type_data;
  (void)spec;
  (void)status;
  info.struct_size = sizeof info;
  info.outcome = MFX_EXIT_EXITED;
  info.exit_code = 7;
  info.term_signal = 0;
  info.message = ref;
  ev->started(ev->host_job, -1, ref);
  ev->output(ev->host_job, MFX_STREAM_STDOUT, out);
  ev->finished(ev->host_job, &info);
  *out_job = &frozen_handle;
  return MFX_OK;
}
static mfx_rc frozen_cancel(void* job, int64_t grace_ms, mfx_status* status) {
  (void)job;
  (void)grace_ms;
  (void)status;
  return MFX_OK;
}
static void frozen_destroy(void* job) { (void)job; }

MFX_EXPORT const mfx_abi_stamp* mfx_plugin_abi(void) {
  static const mfx_abi_stamp stamp = {MFX_ABI_MAGIC, MFX_ABI_MAJOR, MFX_ABI_MINOR,
                                      "org.multiflexi.test.frozen-v1-0", "1.0.0"};
  return &stamp;
}

MFX_EXPORT mfx_rc mfx_plugin_init(const mfx_host_api* host, mfx_host_ctx* ctx, mfx_status* st) {
  mfx_executor e = {sizeof(mfx_executor), "frozen-v1-0", "Frozen 1.0", 0, 0, 0,
                    frozen_start, frozen_cancel, frozen_destroy, 0};
  return host->register_executor(ctx, &e, sizeof e, st);
}
