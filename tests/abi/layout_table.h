/* Included after one version of mfx_plugin.h: defines a table of the size of
 * every crossing struct and the offset of every member, named NAME. */
#include <stddef.h>

#define MFX_SIZE(T) {#T, sizeof(T)}
#define MFX_OFF(T, M) {#T "." #M, offsetof(T, M)}

typedef struct mfx_layout_entry {
  const char* name;
  size_t value;
} mfx_layout_entry;

const mfx_layout_entry MFX_LAYOUT_NAME[] = {
    MFX_SIZE(mfx_abi_stamp), MFX_OFF(mfx_abi_stamp, magic), MFX_OFF(mfx_abi_stamp, abi_major),
    MFX_OFF(mfx_abi_stamp, abi_minor), MFX_OFF(mfx_abi_stamp, plugin_id),
    MFX_OFF(mfx_abi_stamp, plugin_version),
    MFX_SIZE(mfx_str), MFX_OFF(mfx_str, ptr), MFX_OFF(mfx_str, len),
    MFX_SIZE(mfx_scope), MFX_OFF(mfx_scope, company_id), MFX_OFF(mfx_scope, job_id),
    MFX_SIZE(mfx_kv), MFX_OFF(mfx_kv, key), MFX_OFF(mfx_kv, value), MFX_OFF(mfx_kv, flags),
    MFX_OFF(mfx_host_api, struct_size), MFX_OFF(mfx_host_api, abi_major),
    MFX_OFF(mfx_host_api, abi_minor), MFX_OFF(mfx_host_api, log_enabled),
    MFX_OFF(mfx_host_api, log), MFX_OFF(mfx_host_api, status_set),
    MFX_OFF(mfx_host_api, register_executor), MFX_OFF(mfx_host_api, register_credential_type),
    MFX_OFF(mfx_host_api, register_monitor), MFX_OFF(mfx_host_api, config_get),
    MFX_OFF(mfx_host_api, secret_get),
    MFX_OFF(mfx_job_spec, struct_size), MFX_OFF(mfx_job_spec, scope),
    MFX_OFF(mfx_job_spec, runtemplate_id), MFX_OFF(mfx_job_spec, app_uuid),
    MFX_OFF(mfx_job_spec, argv), MFX_OFF(mfx_job_spec, argc), MFX_OFF(mfx_job_spec, env),
    MFX_OFF(mfx_job_spec, env_count), MFX_OFF(mfx_job_spec, working_dir),
    MFX_OFF(mfx_job_spec, timeout_ms), MFX_OFF(mfx_job_spec, options_json),
    MFX_OFF(mfx_exit_info, struct_size), MFX_OFF(mfx_exit_info, outcome),
    MFX_OFF(mfx_exit_info, exit_code), MFX_OFF(mfx_exit_info, term_signal),
    MFX_OFF(mfx_exit_info, message),
    MFX_OFF(mfx_job_events, struct_size), MFX_OFF(mfx_job_events, host_job),
    MFX_OFF(mfx_job_events, started), MFX_OFF(mfx_job_events, output),
    MFX_OFF(mfx_job_events, finished),
    MFX_OFF(mfx_executor, struct_size), MFX_OFF(mfx_executor, id),
    MFX_OFF(mfx_executor, display_name), MFX_OFF(mfx_executor, description),
    MFX_OFF(mfx_executor, type_data), MFX_OFF(mfx_executor, can_run),
    MFX_OFF(mfx_executor, start), MFX_OFF(mfx_executor, cancel), MFX_OFF(mfx_executor, destroy),
    MFX_OFF(mfx_executor, free_type_data),
    MFX_OFF(mfx_credential_type, struct_size), MFX_OFF(mfx_credential_type, id),
    MFX_OFF(mfx_credential_type, display_name), MFX_OFF(mfx_credential_type, description),
    MFX_OFF(mfx_credential_type, schema_json), MFX_OFF(mfx_credential_type, type_data),
    MFX_OFF(mfx_credential_type, validate), MFX_OFF(mfx_credential_type, resolve),
    MFX_OFF(mfx_credential_type, free_type_data),
    MFX_OFF(mfx_job_event, struct_size), MFX_OFF(mfx_job_event, kind),
    MFX_OFF(mfx_job_event, scope), MFX_OFF(mfx_job_event, runtemplate_id),
    MFX_OFF(mfx_job_event, app_uuid), MFX_OFF(mfx_job_event, executor_id),
    MFX_OFF(mfx_job_event, timestamp_ms), MFX_OFF(mfx_job_event, duration_ms),
    MFX_OFF(mfx_job_event, exit_code), MFX_OFF(mfx_job_event, attributes_json),
    MFX_OFF(mfx_monitor, struct_size), MFX_OFF(mfx_monitor, id),
    MFX_OFF(mfx_monitor, display_name), MFX_OFF(mfx_monitor, type_data),
    MFX_OFF(mfx_monitor, event_mask), MFX_OFF(mfx_monitor, on_event), MFX_OFF(mfx_monitor, flush),
    MFX_OFF(mfx_monitor, free_type_data),
    {"MFX_EXECUTOR_SIZE_1_0", MFX_EXECUTOR_SIZE_1_0},
    {"MFX_CREDENTIAL_TYPE_SIZE_1_0", MFX_CREDENTIAL_TYPE_SIZE_1_0},
    {"MFX_MONITOR_SIZE_1_0", MFX_MONITOR_SIZE_1_0},
};
const size_t MFX_LAYOUT_COUNT = sizeof MFX_LAYOUT_NAME / sizeof MFX_LAYOUT_NAME[0];
