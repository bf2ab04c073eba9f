#include "catalog/LoginThrottle.h"

#include <Poco/Logger.h>

#include <algorithm>

namespace MultiFlexi {

void LoginThrottle::prune(std::vector<Instant>& failures, Instant now) const {
  failures.erase(std::remove_if(failures.begin(), failures.end(),
                                [&](Instant at) { return at <= now - _policy.windowMs; }),
                 failures.end());
  // Beyond this many the delay is the longest: older failures change nothing.
  const auto keep = static_cast<std::size_t>(std::max(0, _policy.freeFailures) + 20);
  if (failures.size() > keep) failures.erase(failures.begin(), failures.end() - static_cast<std::ptrdiff_t>(keep));
}

int64_t LoginThrottle::refusal(std::vector<Instant>& failures, Instant now) const {
  prune(failures, now);
  const int beyond = static_cast<int>(failures.size()) - _policy.freeFailures + 1;
  if (beyond <= 0) return 0;
  const int64_t delay = beyond >= 20 ? _policy.maxDelayMs : std::min(_policy.maxDelayMs, (int64_t{1} << beyond) * 1000);
  const Instant until = failures.back() + delay;
  return until > now ? until - now : 0;
}

bool LoginThrottle::makeRoom(Instant now) {
  if (_failures.size() < _policy.capacity) return true;
  if (now - _lastSweep < 1000) return false;  // a sweep reads every key: at most one a second
  _lastSweep = now;
  for (auto it = _failures.begin(); it != _failures.end();) {
    prune(it->second, now);
    it = it->second.empty() ? _failures.erase(it) : std::next(it);
  }
  return _failures.size() < _policy.capacity;
}

int64_t LoginThrottle::refusedForMs(const std::string& key, Instant now) {
  std::lock_guard<std::mutex> lock(_mutex);
  auto found = _failures.find(key);
  if (found == _failures.end()) return 0;
  const int64_t refused = refusal(found->second, now);
  if (found->second.empty()) _failures.erase(found);
  return refused;
}

void LoginThrottle::recordFailure(const std::string& key, Instant now) {
  std::lock_guard<std::mutex> lock(_mutex);
  auto found = _failures.find(key);
  if (found == _failures.end() && !makeRoom(now)) {
    ++_overflowed;
    if (!_overflowing)
      Poco::Logger::get("multiflexi.auth")
          .warning("sign-in throttle: %z keys tracked; failures of new accounts and addresses go untracked",
                   _policy.capacity);
    _overflowing = true;
    return;
  }
  if (found == _failures.end()) {
    _overflowing = false;
    found = _failures.emplace(key, std::vector<Instant>()).first;
  }
  prune(found->second, now);
  found->second.push_back(now);
}

void LoginThrottle::recordSuccess(const std::string& key) {
  std::lock_guard<std::mutex> lock(_mutex);
  _failures.erase(key);
}

std::uint64_t LoginThrottle::overflowed() const {
  std::lock_guard<std::mutex> lock(_mutex);
  return _overflowed;
}

std::size_t LoginThrottle::tracked() const {
  std::lock_guard<std::mutex> lock(_mutex);
  return _failures.size();
}

}  // namespace MultiFlexi
