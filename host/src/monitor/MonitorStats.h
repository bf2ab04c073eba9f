// What the host can say about one monitor's delivery: events handed over,
// dropped on a full queue, failed in the monitor's callback, and waiting.
// Shown by plugin:list and served by /metrics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace MultiFlexi {

struct MonitorStats {
  std::string monitorId;   ///< the component's id ("zabbix")
  std::string pluginId;    ///< the plugin that registered it
  uint64_t delivered = 0;  ///< on_event returned
  uint64_t dropped = 0;    ///< refused: the monitor's queue was full
  uint64_t failed = 0;     ///< the callback reported a failure (the wrapper caught an exception)
  std::size_t queued = 0;  ///< waiting for the monitor's thread now
};

}  // namespace MultiFlexi
