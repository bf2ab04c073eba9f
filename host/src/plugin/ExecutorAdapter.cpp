#include "plugin/ExecutorAdapter.h"

#include "plugin/HostContext.h"

namespace MultiFlexi {

ExecutorAdapter::ExecutorAdapter(const mfx_executor& table, std::string pluginId)
    : _table(table),
      _id(table.id),
      _displayName(table.display_name),
      _description(table.description ? table.description : ""),
      _pluginId(std::move(pluginId)) {}

std::optional<std::string> ExecutorAdapter::refusal(const std::string& appJson) const {
  if (_table.can_run == nullptr) return std::nullopt;
  mfx_status status;
  const mfx_rc rc = _table.can_run(_table.type_data, mfx_str{appJson.data(), appJson.size()}, &status);
  if (rc == MFX_OK) return std::nullopt;
  return status.message.empty() ? "executor '" + _id + "' cannot run this application"
                                : status.message;
}

std::unique_ptr<HostJob> ExecutorAdapter::start(JobRequest request, JobSink& sink) const {
  auto job = std::make_unique<HostJob>(_table, std::move(request), sink);
  job->start();
  return job;
}

void ExecutorAdapter::release() {
  if (_released) return;
  _released = true;
  if (_table.free_type_data != nullptr) _table.free_type_data(_table.type_data);
}

}  // namespace MultiFlexi
