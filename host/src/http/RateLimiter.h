// Requests per key (a user, a remote address) in fixed windows: at most
// `limit` in each window of `window`; the next is refused with the seconds
// until the window ends (Retry-After).
//
// Memory is bounded: a new window forgets every key, and within a window at
// most `maxKeys` are tracked. When that many are, a further key is let
// through uncounted. Refusing it instead (one shared bucket) would let a
// flood of addresses lock every new client out; and a client that holds
// that many keys (IPv6 is keyed by its /64, see domain/AddressKey) could
// spread its load under the limit anyway. That degraded mode is logged once
// per window and counted (overflowed()). Keys of different kinds (users,
// addresses) belong in separate limiters, so that one kind cannot crowd out
// the other.
//
// Threads: admit() may be called from any number of threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace MultiFlexi {

class RateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  RateLimiter(std::size_t limit, std::chrono::seconds window, std::size_t maxKeys = 100000,
              Clock clock = [] { return std::chrono::steady_clock::now(); });

  /// Counts a request of `key`: nothing when it may go on, else the seconds
  /// (at least 1) until it may ask again.
  std::optional<std::chrono::seconds> admit(const std::string& key);
  /// Requests counted in the shared overflow bucket because too many keys were tracked.
  std::uint64_t overflowed() const;
  /// Keys tracked in the current window (the overflow bucket not among them).
  std::size_t tracked() const;

 private:
  const std::size_t _limit;
  const std::chrono::seconds _window;
  const std::size_t _maxKeys;
  const Clock _clock;
  const std::chrono::steady_clock::time_point _epoch;
  mutable std::mutex _mutex;  // guards what follows
  int64_t _windowIndex = 0;
  std::unordered_map<std::string, std::size_t> _counts;
  std::uint64_t _overflowed = 0;
  bool _warned = false;
};

}  // namespace MultiFlexi
