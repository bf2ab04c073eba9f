// Real container engines for the container executors' tests, private to
// the test run: a Docker daemon from Debian's docker.io (vfs storage, no
// iptables, no bridge, its own data root, exec root, socket and a TLS
// listener on loopback) and a podman sandbox (its own storage and a
// containers.conf with runc and ulimits inside this machine's hard limits).
// Both hold a busybox image built here from busybox-static (no registry).
#pragma once

#include "ChildProcess.h"
#include "TempDir.h"

#include <memory>
#include <string>
#include <vector>

namespace MultiFlexi::Testing {

/// True when the CI variable says we run in CI, where a missing engine fails.
bool inCi();

/// The local image every container test runs.
inline const std::string kTestImage = "localhost/mfx-busybox:1";

/// Writes a tarball of a busybox root file system (for `podman import` /
/// `docker import`) to `tarPath`, using `scratch` as work space.
void writeBusyboxRootfs(const std::filesystem::path& scratch, const std::string& tarPath);

class ContainerEngine {
 public:
  virtual ~ContainerEngine() = default;
  /// Runs the engine's CLI with `args`.
  virtual ProcessResult cli(const std::vector<std::string>& args) const = 0;
  /// Names of containers (any state) that carry the label org.multiflexi.job.
  std::vector<std::string> jobContainers() const;
};

class DockerDaemon : public ContainerEngine {
 public:
  /// Starts dockerd and imports kTestImage; throws std::runtime_error with
  /// the reason (and the daemon's log) when it cannot.
  DockerDaemon();
  /// Stops the dockerd it started (SIGTERM, SIGKILL after 30 s).
  ~DockerDaemon() override;
  ProcessResult cli(const std::vector<std::string>& args) const override;
  std::string socketHost() const { return "unix://" + _dir.file("docker.sock"); }
  std::string tlsHost() const { return "tcp://localhost:" + std::to_string(_tlsPort); }
  /// ca.pem, cert.pem and key.pem of a client the daemon trusts.
  std::string clientCertDir() const { return _dir.file("client"); }

 private:
  void makeCertificates();
  TempDir _dir;
  int _tlsPort = 0;
  std::unique_ptr<ChildProcess> _daemon;
};

class PodmanSandbox : public ContainerEngine {
 public:
  /// Writes containers.conf and storage.conf and imports kTestImage; throws
  /// std::runtime_error with the reason when podman cannot run here.
  PodmanSandbox();
  /// Removes every container of the sandbox's storage, then the storage.
  ~PodmanSandbox() override;
  ProcessResult cli(const std::vector<std::string>& args) const override;
  std::string containersConf() const { return _dir.file("containers.conf"); }
  std::string storageConf() const { return _dir.file("storage.conf"); }

 private:
  TempDir _dir;
};

/// One engine per test program, started on first use; nullptr (and the
/// reason in `error`) when it cannot start.
DockerDaemon* sharedDocker(std::string& error);
PodmanSandbox* sharedPodman(std::string& error);

}  // namespace MultiFlexi::Testing
