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
  auto it = _counts.find(key);
  if (it == _counts.end()) {
    if (_counts.size() >= _maxKeys) {
      ++_untracked;
      if (!_warned)
        Poco::Logger::get("multiflexi.http")
            .warning("rate limiting: more than %z clients in one window; the rest go uncounted", _maxKeys);
      _warned = true;
      return std::nullopt;
    }
    it = _counts.emplace(key, 0).first;
  }
  if (it->second >= _limit) {
    const auto left = _window * (index + 1) - elapsed;
    const auto secs = std::chrono::ceil<std::chrono::seconds>(left);
    return std::max(secs, std::chrono::seconds(1));
  }
  ++it->second;
  return std::nullopt;
}

std::uint64_t RateLimiter::untracked() const {
  std::lock_guard<std::mutex> lock(_mutex);
  return _untracked;
}

std::size_t RateLimiter::tracked() const {
  std::lock_guard<std::mutex> lock(_mutex);
  return _counts.size();
}

}  // namespace MultiFlexi
