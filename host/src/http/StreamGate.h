// How many streamed answers (Server-Sent Events: GET /job/{id}/follow) run
// at once. Each holds a worker thread for as long as it lasts, so at most
// `total` run overall (below the thread count: other requests must still be
// answered) and at most `perClient` per client (a user, or an address on a
// public route). admit() hands out a ticket that frees the place when the
// last copy of it is dropped, or says which limit refused.
//
// Threads: every method may be called from any number of threads.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace MultiFlexi {

class StreamGate {
 public:
  StreamGate(std::size_t total, std::size_t perClient) : _total(total), _perClient(perClient) {}

  struct Admission {
    enum class Refused { No, Total, Client };
    Refused refused = Refused::No;
    /// Holds the place while the stream runs; empty when refused.
    std::shared_ptr<void> ticket;
  };
  Admission admit(const std::string& client);
  /// Streams running now.
  std::size_t running() const;

 private:
  void release(const std::string& client);

  const std::size_t _total;
  const std::size_t _perClient;
  mutable std::mutex _mutex;  // guards what follows
  std::size_t _running = 0;
  std::map<std::string, std::size_t> _perClientRunning;
};

}  // namespace MultiFlexi
