// One event for the monitors, owning its texts: built once by the
// dispatcher, shared (read-only) by every monitor's queue, and seen by a
// plugin as the borrowed mfx_job_event table() returns.
#pragma once

#include <multiflexi/mfx_plugin.h>

#include <cstdint>
#include <string>

namespace MultiFlexi {

struct MonitorEvent {
  int32_t kind = 0;  ///< MFX_EV_*
  int64_t companyId = 0;
  int64_t jobId = 0;
  int64_t runtemplateId = 0;
  std::string appUuid;
  std::string executorId;
  int64_t timestampMs = 0;
  int64_t durationMs = 0;  ///< FINISHED: the run's wall time
  int32_t exitCode = -1;   ///< FINISHED: the exit code, -1 if none
  std::string attributesJson;

  /// The C view; valid while this event lives.
  mfx_job_event table() const {
    mfx_job_event ev{};
    ev.struct_size = sizeof ev;
    ev.kind = kind;
    ev.scope = mfx_scope{companyId, jobId};
    ev.runtemplate_id = runtemplateId;
    ev.app_uuid = mfx_str{appUuid.data(), appUuid.size()};
    ev.executor_id = mfx_str{executorId.data(), executorId.size()};
    ev.timestamp_ms = timestampMs;
    ev.duration_ms = durationMs;
    ev.exit_code = exitCode;
    ev.attributes_json = mfx_str{attributesJson.data(), attributesJson.size()};
    return ev;
  }
};

}  // namespace MultiFlexi
