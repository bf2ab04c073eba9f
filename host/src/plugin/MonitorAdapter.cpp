#include "plugin/MonitorAdapter.h"

namespace MultiFlexi {

uint64_t& callbackErrors() {
  thread_local uint64_t errors = 0;
  return errors;
}

MonitorAdapter::MonitorAdapter(const mfx_monitor& table, std::string pluginId)
    : _table(table), _id(table.id), _displayName(table.display_name), _pluginId(std::move(pluginId)) {}

bool MonitorAdapter::accepts(int32_t kind) const {
  return kind > 0 && kind < 32 && (_table.event_mask & MFX_EV_BIT(static_cast<uint32_t>(kind))) != 0;
}

bool MonitorAdapter::deliver(const mfx_job_event& event) const {
  const uint64_t before = callbackErrors();
  _table.on_event(_table.type_data, &event);
  return callbackErrors() == before;
}

void MonitorAdapter::flush() {
  if (_flushed) return;
  _flushed = true;
  if (_table.flush != nullptr) _table.flush(_table.type_data);
}

void MonitorAdapter::release() {
  if (_released) return;
  flush();
  _released = true;
  if (_table.free_type_data != nullptr) _table.free_type_data(_table.type_data);
}

}  // namespace MultiFlexi
