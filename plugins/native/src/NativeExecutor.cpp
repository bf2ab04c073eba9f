#include "NativeExecutor.h"

#include "HostConfig.h"


namespace mfx::native {

namespace {

class NativeJob : public Job {
 public:
  NativeJob(ProcessReactor& reactor, uint64_t id) : _reactor(reactor), _id(id) {}
  void cancel(std::chrono::milliseconds grace) override { _reactor.cancel(_id, grace); }

 private:
  ProcessReactor& _reactor;
  uint64_t _id;
};

}  // namespace

NativeSettings NativeSettings::fromHost(const Host& host) {
  NativeSettings s;
  s.reactor.timeoutGrace = support::configMillis(host, "kill_grace_ms", s.reactor.timeoutGrace, support::Zero::Allowed);
  s.reactor.drainLimit = support::configMillis(host, "drain_timeout_ms", s.reactor.drainLimit, support::Zero::Allowed);
  if (auto path = host.config("default_path")) s.defaultPath = *path;
  s.confinement = Confinement::fromHost(host);
  return s;
}

NativeExecutor::NativeExecutor(NativeSettings settings)
    : _settings(std::move(settings)), _reactor(_settings.reactor) {}

std::unique_ptr<Job> NativeExecutor::start(const JobSpec& spec, JobEvents events) {
  SpawnedProcess process = spawnProcess(spec, _settings.defaultPath, _settings.confinement);
  events.started(process.pid);
  const uint64_t id = _reactor.watch(std::move(process), events, spec.timeout());
  return std::make_unique<NativeJob>(_reactor, id);
}

}  // namespace mfx::native
