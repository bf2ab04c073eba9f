// A small map whose entries expire, bounded in size, for the caches in
// front of authentication (verified logins, callers of API tokens). When
// it is full, expired entries go first, then the one expiring soonest.
//
// Threads: every method may be called from several threads at once; the
// functions given to find() and eraseIf() run under the map's lock and must
// not call back into it.
#pragma once

#include "common/Clock.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace MultiFlexi {

template <class Value>
class ExpiringMap {
 public:
  /// At most `capacity` entries (at least one).
  explicit ExpiringMap(std::size_t capacity) : _capacity(std::max<std::size_t>(capacity, 1)) {}

  /// A copy of the value under `key` when it has not expired at `now`, taken
  /// after `visit` (when given) ran on it; an expired entry is dropped.
  std::optional<Value> find(const std::string& key, Instant now, const std::function<void(Value&)>& visit = {}) {
    std::lock_guard<std::mutex> lock(_mutex);
    auto found = _entries.find(key);
    if (found == _entries.end()) return std::nullopt;
    if (found->second.second <= now) {
      _entries.erase(found);
      return std::nullopt;
    }
    if (visit) visit(found->second.first);
    return found->second.first;
  }

  /// Keeps `value` under `key` until `expiresAt`, making room when full.
  void put(const std::string& key, Value value, Instant expiresAt, Instant now) {
    std::lock_guard<std::mutex> lock(_mutex);
    if (_entries.size() >= _capacity && !_entries.count(key)) {
      for (auto it = _entries.begin(); it != _entries.end();) it = it->second.second <= now ? _entries.erase(it) : std::next(it);
      if (_entries.size() >= _capacity) {
        auto soonest = std::min_element(_entries.begin(), _entries.end(),
                                        [](const auto& a, const auto& b) { return a.second.second < b.second.second; });
        _entries.erase(soonest);
      }
    }
    _entries[key] = {std::move(value), expiresAt};
  }

  /// Drops every entry whose value matches.
  void eraseIf(const std::function<bool(const Value&)>& matches) {
    std::lock_guard<std::mutex> lock(_mutex);
    for (auto it = _entries.begin(); it != _entries.end();) it = matches(it->second.first) ? _entries.erase(it) : std::next(it);
  }

  void clear() {
    std::lock_guard<std::mutex> lock(_mutex);
    _entries.clear();
  }

  std::size_t size() const {
    std::lock_guard<std::mutex> lock(_mutex);
    return _entries.size();
  }

 private:
  const std::size_t _capacity;
  mutable std::mutex _mutex;
  std::map<std::string, std::pair<Value, Instant>> _entries;  ///< key -> value, expiry
};

}  // namespace MultiFlexi
