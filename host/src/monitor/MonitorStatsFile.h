// Where a daemon leaves its monitors' delivery counts for other processes
// (plugin:list): <run dir>/monitor-stats.<daemon>.json, rewritten every few
// seconds while the daemon runs and once when it stops. The counts are the
// daemon's since it started.
//
// Format: {"daemon": "up", "pid": 123, "updated": "<RFC 3339>",
// "monitors": [{"monitor", "plugin", "delivered", "dropped", "failed",
// "queued"}]}. Threads: any. Throws: write() nothing (a failure is logged).
#pragma once

#include "monitor/MonitorStats.h"

#include <string>
#include <vector>

namespace MultiFlexi {

/// Writes the file of `daemon` atomically (a temporary file renamed over it).
void writeMonitorStats(const std::string& runDir, const std::string& daemon, const std::vector<MonitorStats>& stats);

/// The counts of every daemon's file in `runDir`, summed per monitor id;
/// unreadable or malformed files are skipped.
std::vector<MonitorStats> readMonitorStats(const std::string& runDir);

}  // namespace MultiFlexi
