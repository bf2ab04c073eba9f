#include "executor/JobEvents.h"

namespace MultiFlexi {

JobEventQueue::JobEventQueue(std::size_t maxQueuedBytes, std::function<void()> wake)
    : _maxQueuedBytes(maxQueuedBytes), _wake(std::move(wake)) {}

void JobEventQueue::push(JobEvent event) {
  bool wake = event.kind != JobEvent::Kind::Output;
  {
    std::unique_lock<std::mutex> lock(_mutex);
    if (event.kind == JobEvent::Kind::Output) {
      // Back-pressure: the plugin's output thread waits for the loop to store.
      _room.wait(lock, [&] { return _queuedBytes == 0 || _queuedBytes + event.bytes.size() <= _maxQueuedBytes; });
      _queuedBytes += event.bytes.size();
      wake = !_outputSignalled || _queuedBytes > _maxQueuedBytes / 2;
      _outputSignalled = true;
    }
    _events.push_back(std::move(event));
  }
  if (wake) _wake();
}

std::vector<JobEvent> JobEventQueue::take() {
  std::vector<JobEvent> taken;
  {
    std::lock_guard<std::mutex> lock(_mutex);
    taken.swap(_events);
    _queuedBytes = 0;
    _outputSignalled = false;
  }
  _room.notify_all();
  return taken;
}

bool JobEventQueue::hasOutput() const {
  std::lock_guard<std::mutex> lock(_mutex);
  return _queuedBytes > 0;
}

QueueingSink::QueueingSink(JobEventQueue& queue, int64_t jobId, int64_t outputLimit, JobObserver* observer,
                           const std::vector<std::string>& secrets)
    : _queue(queue),
      _jobId(jobId),
      _outputLimit(outputLimit),
      _observer(observer),
      _stdoutMask(secrets),
      _stderrMask(secrets) {}

void QueueingSink::onStarted(int64_t pid, std::string_view externalRef) {
  if (_observer) _observer->jobStarted(_jobId, pid);
  JobEvent e(JobEvent::Kind::Started, _jobId);
  e.pid = pid;
  e.externalRef = std::string(externalRef);
  _queue.push(std::move(e));
}

void QueueingSink::onOutput(int32_t stream, std::string_view raw) {
  SecretMasker& masker = stream == MFX_STREAM_STDERR ? _stderrMask : _stdoutMask;
  store(stream, masker.feed(raw));
}

void QueueingSink::store(int32_t stream, std::string_view bytes) {
  if (bytes.empty()) return;
  if (_dropped > 0) {
    _dropped += static_cast<int64_t>(bytes.size());
    return;
  }
  const int64_t room = _outputLimit - _stored;
  std::string_view kept = bytes.substr(0, static_cast<std::size_t>(std::max<int64_t>(room, 0)));
  JobEvent e(JobEvent::Kind::Output, _jobId);
  e.stream = stream;
  if (!kept.empty()) {
    e.seq = _seq++;
    e.bytes.assign(kept);
    _stored += static_cast<int64_t>(kept.size());
    _queue.push(e);
  }
  if (kept.size() < bytes.size()) {
    _dropped = static_cast<int64_t>(bytes.size() - kept.size());
    e.seq = _seq++;
    e.bytes = "\n[multiflexi: output truncated here: the limit of " + std::to_string(_outputLimit) +
              " bytes per job (MULTIFLEXI_OUTPUT_LIMIT_MB) was reached]\n";
    _queue.push(std::move(e));
  }
}

void QueueingSink::onFinished(const JobResult& result) {
  store(MFX_STREAM_STDOUT, _stdoutMask.finish());
  store(MFX_STREAM_STDERR, _stderrMask.finish());
  JobEvent e(JobEvent::Kind::Finished, _jobId);
  e.result = result;
  e.result.message = _stdoutMask.mask(result.message);
  e.droppedBytes = _dropped;
  _queue.push(std::move(e));
}

}  // namespace MultiFlexi
