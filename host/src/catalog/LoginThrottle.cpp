#include "catalog/LoginThrottle.h"

#include <algorithm>

namespace MultiFlexi {

void LoginThrottle::prune(std::vector<Instant>& failures, Instant now) const {
  failures.erase(std::remove_if(failures.begin(), failures.end(),
                                [&](Instant at) { return at <= now - _policy.windowMs; }),
                 failures.end());
}

int64_t LoginThrottle::refusedForMs(const std::string& key, Instant now) {
  std::lock_guard<std::mutex> lock(_mutex);
  auto found = _failures.find(key);
  if (found == _failures.end()) return 0;
  prune(found->second, now);
  const int beyond = static_cast<int>(found->second.size()) - _policy.freeFailures + 1;
  if (beyond <= 0) {
    if (found->second.empty()) _failures.erase(found);
    return 0;
  }
  const int64_t delay = beyond >= 20 ? _policy.maxDelayMs : std::min(_policy.maxDelayMs, (int64_t{1} << beyond) * 1000);
  const Instant until = found->second.back() + delay;
  return until > now ? until - now : 0;
}

void LoginThrottle::recordFailure(const std::string& key, Instant now) {
  std::lock_guard<std::mutex> lock(_mutex);
  if (_failures.size() >= _policy.capacity && _failures.count(key) == 0) {
    auto stalest = std::min_element(_failures.begin(), _failures.end(), [](const auto& a, const auto& b) {
      return (a.second.empty() ? 0 : a.second.back()) < (b.second.empty() ? 0 : b.second.back());
    });
    _failures.erase(stalest);
  }
  auto& failures = _failures[key];
  prune(failures, now);
  failures.push_back(now);
}

void LoginThrottle::recordSuccess(const std::string& key) {
  std::lock_guard<std::mutex> lock(_mutex);
  _failures.erase(key);
}

}  // namespace MultiFlexi
