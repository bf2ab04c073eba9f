#include "http/StreamGate.h"

namespace MultiFlexi {

StreamGate::Admission StreamGate::admit(const std::string& client) {
  std::lock_guard<std::mutex> lock(_mutex);
  Admission out;
  auto found = _perClientRunning.find(client);
  if (found != _perClientRunning.end() && found->second >= _perClient) {
    out.refused = Admission::Refused::Client;
    return out;
  }
  if (_running >= _total) {
    out.refused = Admission::Refused::Total;
    return out;
  }
  if (_perClient == 0) {
    out.refused = Admission::Refused::Client;
    return out;
  }
  ++_running;
  ++_perClientRunning[client];
  // The deleter frees the place; the pointer itself is never used.
  out.ticket = std::shared_ptr<void>(this, [client](StreamGate* gate) { gate->release(client); });
  return out;
}

void StreamGate::release(const std::string& client) {
  std::lock_guard<std::mutex> lock(_mutex);
  --_running;
  auto found = _perClientRunning.find(client);
  if (found != _perClientRunning.end() && --found->second == 0) _perClientRunning.erase(found);
}

std::size_t StreamGate::running() const {
  std::lock_guard<std::mutex> lock(_mutex);
  return _running;
}

}  // namespace MultiFlexi
