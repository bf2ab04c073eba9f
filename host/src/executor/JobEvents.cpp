#include "executor/JobEvents.h"

#include <algorithm>

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
      _tailLimit(std::min(std::max<int64_t>(outputLimit, 0) / 2, kMaxTail)),
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
  if (!_headFull) {
    const int64_t room = std::max<int64_t>(_outputLimit - _tailLimit - _stored, 0);
    const std::string_view head = bytes.substr(0, static_cast<std::size_t>(std::min<int64_t>(room, bytes.size())));
    if (!head.empty()) {
      _stored += static_cast<int64_t>(head.size());
      queueOutput(stream, std::string(head));
    }
    if (head.size() == bytes.size()) return;
    _headFull = true;
    bytes.remove_prefix(head.size());
  }
  keepTail(stream, bytes);
}

void QueueingSink::keepTail(int32_t stream, std::string_view bytes) {
  if (static_cast<int64_t>(bytes.size()) > _tailLimit) {
    const std::size_t older = bytes.size() - static_cast<std::size_t>(_tailLimit);
    _dropped += static_cast<int64_t>(older);
    bytes.remove_prefix(older);
  }
  if (bytes.empty()) return;
  if (!_tail.empty() && _tail.back().first == stream)
    _tail.back().second.append(bytes);
  else
    _tail.emplace_back(stream, std::string(bytes));
  _tailBytes += static_cast<int64_t>(bytes.size());
  while (_tailBytes > _tailLimit) {
    std::string& oldest = _tail.front().second;
    const auto over = static_cast<std::size_t>(_tailBytes - _tailLimit);
    if (oldest.size() <= over) {
      _tailBytes -= static_cast<int64_t>(oldest.size());
      _dropped += static_cast<int64_t>(oldest.size());
      _tail.pop_front();
    } else {
      oldest.erase(0, over);
      _tailBytes -= static_cast<int64_t>(over);
      _dropped += static_cast<int64_t>(over);
    }
  }
}

void QueueingSink::flushTail() {
  if (_dropped > 0) {
    // Start the tail on a whole UTF-8 character.
    std::size_t skip = 0;
    if (!_tail.empty()) {
      std::string& first = _tail.front().second;
      while (skip < first.size() && skip < 3 && (static_cast<unsigned char>(first[skip]) & 0xC0) == 0x80) ++skip;
      first.erase(0, skip);
      _dropped += static_cast<int64_t>(skip);
    }
    queueOutput(_tail.empty() ? MFX_STREAM_STDOUT : _tail.front().first,
                "\n[multiflexi: " + std::to_string(_dropped) + " bytes of output left out here: the limit of " +
                    std::to_string(_outputLimit) + " bytes per job (MULTIFLEXI_OUTPUT_LIMIT_MB) keeps the first " +
                    std::to_string(_stored) + " and the last " + std::to_string(_tailBytes - static_cast<int64_t>(skip)) +
                    "]\n");
  }
  for (auto& [stream, bytes] : _tail)
    if (!bytes.empty()) queueOutput(stream, std::move(bytes));
  _tail.clear();
  _tailBytes = 0;
}

void QueueingSink::queueOutput(int32_t stream, std::string bytes) {
  JobEvent e(JobEvent::Kind::Output, _jobId);
  e.stream = stream;
  e.seq = _seq++;
  e.bytes = std::move(bytes);
  _queue.push(std::move(e));
}

void QueueingSink::onFinished(const JobResult& result) {
  store(MFX_STREAM_STDOUT, _stdoutMask.finish());
  store(MFX_STREAM_STDERR, _stderrMask.finish());
  flushTail();
  JobEvent e(JobEvent::Kind::Finished, _jobId);
  e.result = result;
  e.result.message = _stdoutMask.mask(result.message);
  e.droppedBytes = _dropped;
  _queue.push(std::move(e));
}

}  // namespace MultiFlexi
