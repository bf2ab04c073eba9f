// The operations a container executor needs from an engine. The podman
// plugin implements them with the podman CLI, the docker plugin with the
// Docker Engine REST API. Every method may block; each job calls them from
// its own thread, and stop() from a helper thread while the job's output
// is still being pumped.
#pragma once

#include "ContainerRequest.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace mfx::container {

/// Thrown when the container could not be created or started: the job never
/// ran. The message names the cause (the image, the engine's own words).
class LaunchFailure : public Error {
 public:
  explicit LaunchFailure(const std::string& message) : Error(MFX_E_UNAVAILABLE, message) {}
};

/// How the container's process ended, as the engine recorded it.
struct ContainerExit {
  int32_t exitCode = -1;
  bool oomKilled = false;
  bool neverStarted = false;  ///< the engine could not start its process
};

/// Receives output: stream is MFX_STREAM_STDOUT or MFX_STREAM_STDERR.
using OutputFn = std::function<void(int32_t stream, std::string_view bytes)>;

/// The output of a started container.
class Attachment {
 public:
  virtual ~Attachment() = default;
  /// Waits up to `wait` for output and hands it to `output`. Returns false
  /// once the container's output has ended (it exited, or was stopped).
  virtual bool pump(std::chrono::milliseconds wait, const OutputFn& output) = 0;
  /// Why the engine could not start the container, when it said so on this
  /// attachment (an attached start that failed); empty otherwise.
  virtual std::string startError() const { return {}; }
};

class ContainerEngine {
 public:
  virtual ~ContainerEngine() = default;
  /// Creates the container (pulling the image as the settings say) and
  /// returns its id. Throws LaunchFailure.
  virtual std::string create(const ContainerRequest& request) = 0;
  /// Starts the created container and attaches to its stdout and stderr.
  /// Throws LaunchFailure when it could not start (no such executable ...).
  virtual std::unique_ptr<Attachment> start(const std::string& id) = 0;
  /// Asks the container to stop: SIGTERM, SIGKILL after `grace`. Blocks
  /// until it stopped. Throws mfx::Error when the engine refused.
  virtual void stop(const std::string& id, std::chrono::milliseconds grace) = 0;
  /// The exit of a container whose output has ended. Throws mfx::Error.
  virtual ContainerExit exitOf(const std::string& id) = 0;
  /// Removes the container; a container that is already gone is not an error.
  virtual void remove(const std::string& id) = 0;
};

}  // namespace mfx::container
