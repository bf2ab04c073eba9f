// ContainerEngine over the Docker Engine REST API (see README.md): create,
// attach (before start, so no output is lost), start, stop, inspect, remove.
// No docker CLI is involved.
#pragma once

#include "ContainerEngine.h"
#include "ContainerSettings.h"
#include "DockerClient.h"

#include <multiflexi/mfx_plugin.hpp>

#include <memory>
#include <string>

namespace mfx::docker {

struct DockerSettings {
  container::ContainerSettings container;
  std::string host = "unix:///var/run/docker.sock";
  bool tlsVerify = false;
  std::string certPath;
  std::string apiVersion = "v1.41";
  std::chrono::milliseconds commandTimeout{300000};

  /// Reads host, tls_verify, cert_path, api_version, command_timeout_ms and
  /// the common container keys. Throws mfx::Invalid naming the key.
  static DockerSettings fromHost(const Host& host);
};

class DockerEngine : public container::ContainerEngine {
 public:
  explicit DockerEngine(const DockerSettings& settings);

  std::string create(const container::ContainerRequest& request) override;
  std::unique_ptr<container::Attachment> start(const std::string& id) override;
  void stop(const std::string& id, std::chrono::milliseconds grace) override;
  container::ContainerExit exitOf(const std::string& id) override;
  void remove(const std::string& id) override;

 private:
  std::string createBody(const container::ContainerRequest& request) const;
  /// Pulls `image`; throws LaunchFailure with the engine's message.
  void pull(const std::string& image) const;

  container::ContainerSettings _container;
  DockerClient _client;
  std::chrono::milliseconds _timeout;
};

}  // namespace mfx::docker
