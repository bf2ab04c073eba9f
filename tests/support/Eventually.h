// Polls a condition until it holds or a time limit passes (tests of
// daemons, whose effects arrive a little later). Header-only.
#pragma once

#include <chrono>
#include <thread>

namespace MultiFlexi::Testing {

/// True as soon as `predicate()` is, polling every 100 ms; false after `limit`.
template <class Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds limit = std::chrono::seconds(15)) {
  for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;) {
    if (predicate()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace MultiFlexi::Testing
