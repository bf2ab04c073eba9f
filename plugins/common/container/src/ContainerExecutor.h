// The part both container executors share: refuses applications without an
// image, runs each job on its own thread (create, start attached, pump the
// output, stop on timeout or cancel, read the exit, remove) and reports it
// through the SDK's events. The engine does the container work.
#pragma once

#include "ContainerEngine.h"
#include "ContainerSettings.h"

#include <multiflexi/mfx_plugin.hpp>

#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace mfx::container {

class ContainerExecutor : public Executor {
 public:
  ContainerExecutor(const Host& host, std::unique_ptr<ContainerEngine> engine, ContainerSettings settings);
  /// Cancels jobs still running (a host that broke the contract) and waits
  /// for every job thread.
  ~ContainerExecutor() override;
  ContainerExecutor(const ContainerExecutor&) = delete;
  ContainerExecutor& operator=(const ContainerExecutor&) = delete;

  /// Throws Unsupported when the manifest has no usable "ociimage".
  void canRun(std::string_view appJson) override;
  /// Throws Invalid when the options name no image; the rest happens on the
  /// job's thread and is reported through `events`.
  std::unique_ptr<Job> start(const JobSpec& spec, JobEvents events) override;

  struct JobState;

 private:
  void run(std::shared_ptr<JobState> state, ContainerRequest request, JobEvents events,
           std::chrono::milliseconds timeout);
  void joinFinished();

  Host _host;
  std::unique_ptr<ContainerEngine> _engine;
  ContainerSettings _settings;
  std::mutex _mutex;
  struct Worker {
    std::shared_ptr<JobState> state;
    std::thread thread;
  };
  std::vector<Worker> _workers;
};

}  // namespace mfx::container
