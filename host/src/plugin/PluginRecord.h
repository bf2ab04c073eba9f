// What the host found out about one plugin file.
#pragma once

#include <string>
#include <vector>

namespace MultiFlexi {

/// One component a plugin registered.
struct ComponentInfo {
  std::string kind;  ///< "executor", "credential-type" or "monitor"
  std::string id;
  std::string displayName;
  std::string description;
};

/// The result of loading one file: loaded with its components, or refused
/// with the reason. Identity fields are empty / -1 when the refusal came
/// before the stamp could be read.
struct PluginRecord {
  enum class Status { Loaded, Refused };

  std::string path;
  Status status = Status::Refused;
  std::string reason;  ///< why it was refused; empty when loaded
  std::string pluginId;
  std::string pluginVersion;
  int abiMajor = -1;
  int abiMinor = -1;
  std::vector<ComponentInfo> components;
  std::vector<std::string> warnings;  ///< accepted with degradation (newer minor ...)

  bool loaded() const { return status == Status::Loaded; }
};

}  // namespace MultiFlexi
