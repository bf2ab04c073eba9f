#include "http/RateLimiter.h"

#include <Poco/Logger.h>

namespace MultiFlexi {

RateLimiter::RateLimiter(std::size_t limit, std::chrono::seconds window, std::size_t maxKeys, Clock clock)
    : _limit(limit),
      _window(window.count() > 0 ? window : std::chrono::seconds(1)),
      _maxKeys(maxKeys),
      _clock(std::move(clock)),
      _epoch(_clock()) {}

std::optional<std::chrono::seconds> RateLimiter::admit(const std::string& key) {
  const auto elapsed = _clock() - _epoch;
  const int64_t index = elapsed / _window;
  std::lock_guard<std::mutex> lock(_mutex);
  if (index != _windowIndex) {
    _windowIndex = index;
    _counts.clear();
    _warned = false;
  }
  std::size_t* count = nullptr;
  if (auto it = _counts.find(key); it != _counts.end()) {
    count = &it->second;
  } else if (_counts.size() < _maxKeys) {
    count = &_counts.emplace(key, 0).first->second;
  } else {
    ++_overflowed;
    if (!_warned)
      Poco::Logger::get("multiflexi.http")
          .warning("rate limiting: more than %z clients in one window; the rest go uncounted until it ends",
                   _maxKeys);
    _warned = true;
    return std::nullopt;
  }
  if (*count >= _limit) {
    const auto left = _window * (index + 1) - elapsed;
    const auto secs = std::chrono::ceil<std::chrono::seconds>(left);
    return std::max(secs, std::chrono::seconds(1));
  }
  ++*count;
  return std::nullopt;
}

std::uint64_t RateLimiter::overflowed() const {
  std::lock_guard<std::mutex> lock(_mutex);
  return _overflowed;
}

std::size_t RateLimiter::tracked() const {
  std::lock_guard<std::mutex> lock(_mutex);
  return _counts.size();
}

}  // namespace MultiFlexi
