// ContainerEngine over the podman CLI (see README.md). The job's variables
// reach the container through podman's own environment (`--env NAME`), so
// their values never appear on a command line or in a file; the few names
// podman itself reads go through a 0600 file removed right after create.
#pragma once

#include "ContainerEngine.h"
#include "ContainerSettings.h"

#include <multiflexi/mfx_plugin.hpp>

#include <string>
#include <vector>

namespace mfx::podman {

struct PodmanSettings {
  container::ContainerSettings container;
  std::string program = "podman";
  std::vector<std::string> globalOptions;  ///< before the subcommand: --root, --url ...
  std::string containersConf;              ///< CONTAINERS_CONF for podman; empty = podman's default
  std::string storageConf;                 ///< CONTAINERS_STORAGE_CONF
  std::string tmpDir = "/tmp";             ///< where the rare env file is written
  std::chrono::milliseconds commandTimeout{300000};

  /// Reads program, global_options, containers_conf, storage_conf, tmp_dir,
  /// command_timeout_ms and the common container keys. Throws mfx::Invalid.
  static PodmanSettings fromHost(const Host& host);
};

class PodmanEngine : public container::ContainerEngine {
 public:
  explicit PodmanEngine(PodmanSettings settings);

  std::string create(const container::ContainerRequest& request) override;
  std::unique_ptr<container::Attachment> start(const std::string& id) override;
  void stop(const std::string& id, std::chrono::milliseconds grace) override;
  container::ContainerExit exitOf(const std::string& id) override;
  void remove(const std::string& id) override;

 private:
  /// podman, the global options, then `args`.
  std::vector<std::string> command(std::vector<std::string> args) const;
  /// This process's environment with podman's configuration applied and
  /// `extra` (NAME=VALUE) replacing variables of the same name.
  std::vector<std::string> environment(const std::vector<std::string>& extra = {}) const;

  PodmanSettings _settings;
};

}  // namespace mfx::podman
