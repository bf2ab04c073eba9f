// A registered executor, seen from the host (C table -> C++).
#pragma once

#include "plugin/HostJob.h"

#include <multiflexi/mfx_plugin.h>

#include <memory>
#include <optional>
#include <string>

namespace MultiFlexi {

class ExecutorAdapter {
 public:
  /// Takes the host's zero-extended copy of the plugin's table.
  ExecutorAdapter(const mfx_executor& table, std::string pluginId);

  const std::string& id() const { return _id; }
  const std::string& displayName() const { return _displayName; }
  const std::string& description() const { return _description; }
  const std::string& pluginId() const { return _pluginId; }

  /// Asks the plugin whether it can run the application (manifest JSON).
  /// Returns the plugin's reason when it cannot, nothing when it can.
  std::optional<std::string> refusal(const std::string& appJson) const;

  /// Creates and starts a job; its events go to sink, which must outlive it.
  /// Never throws for a launch failure: the job then finishes at once as
  /// MFX_EXIT_LAUNCH_FAILED.
  std::unique_ptr<HostJob> start(JobRequest request, JobSink& sink) const;

  /// Frees the plugin's type_data (shutdown, after every job was destroyed).
  void release();

 private:
  mfx_executor _table;
  std::string _id;
  std::string _displayName;
  std::string _description;
  std::string _pluginId;
  bool _released = false;
};

}  // namespace MultiFlexi
