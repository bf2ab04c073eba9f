// A registered monitor (Zabbix, OpenTelemetry ...), seen from the host (C
// table -> C++): its ids, which event kinds it accepts, and the calls into
// it. Failures inside the plugin cannot cross the C ABI: the SDK's wrapper
// catches exceptions and logs them at error level, so deliver() reports a
// call during which the plugin logged an error as failed. A crash (segfault)
// in a plugin takes the whole process down: plugins run in-process.
//
// Threads: deliver() and flush() are called from the monitor's one queue
// thread (monitor/MonitorQueue); release() once at shutdown, after the
// queue stopped. Throws: nothing.
#pragma once

#include <multiflexi/mfx_plugin.h>

#include <cstdint>
#include <string>

namespace MultiFlexi {

class MonitorAdapter {
 public:
  /// Takes the host's zero-extended copy of the plugin's table.
  MonitorAdapter(const mfx_monitor& table, std::string pluginId);

  const std::string& id() const { return _id; }
  const std::string& displayName() const { return _displayName; }
  const std::string& pluginId() const { return _pluginId; }
  uint32_t eventMask() const { return _table.event_mask; }

  /// True when the monitor's event_mask names `kind`.
  bool accepts(int32_t kind) const;
  /// Calls on_event; false when the plugin logged an error during the call
  /// (its wrapper caught an exception).
  bool deliver(const mfx_job_event& event) const;
  /// Calls flush (when the plugin has one), at most once.
  void flush();
  /// Flushes (unless done) and frees the plugin's type_data, once.
  void release();
  /// The monitor is stuck in a call on a thread left behind: never flush
  /// nor free it (release() does nothing).
  void abandon() { _released = true; _flushed = true; }

 private:
  mfx_monitor _table;
  std::string _id;
  std::string _displayName;
  std::string _pluginId;
  bool _flushed = false;
  bool _released = false;
};

/// Errors the calling thread's plugin callbacks logged so far (HostApi's
/// log counts them); MonitorAdapter compares it around a call.
uint64_t& callbackErrors();

}  // namespace MultiFlexi
