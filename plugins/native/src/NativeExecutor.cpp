#include "NativeExecutor.h"

#include <cerrno>
#include <cstdlib>

namespace mfx::native {

namespace {

std::chrono::milliseconds readMillis(const Host& host, const char* key,
                                     std::chrono::milliseconds fallback) {
  const std::optional<std::string> text = host.config(key);
  if (!text) return fallback;
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || errno != 0 || value < 0)
    throw Invalid(std::string(key) + ": expected a non-negative number of milliseconds, got '" +
                  *text + "'");
  return std::chrono::milliseconds(value);
}

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
  s.reactor.timeoutGrace = readMillis(host, "kill_grace_ms", s.reactor.timeoutGrace);
  s.reactor.drainLimit = readMillis(host, "drain_timeout_ms", s.reactor.drainLimit);
  if (auto path = host.config("default_path")) s.defaultPath = *path;
  return s;
}

NativeExecutor::NativeExecutor(NativeSettings settings)
    : _settings(std::move(settings)), _reactor(_settings.reactor) {}

std::unique_ptr<Job> NativeExecutor::start(const JobSpec& spec, JobEvents events) {
  SpawnedProcess process = spawnProcess(spec, _settings.defaultPath);
  events.started(process.pid);
  const uint64_t id = _reactor.watch(std::move(process), events, spec.timeout());
  return std::make_unique<NativeJob>(_reactor, id);
}

}  // namespace mfx::native
