// Fixed windows per key, on an injected clock; memory stays bounded.
#include <boost/test/unit_test.hpp>

#include "http/RateLimiter.h"

#include <atomic>
#include <thread>
#include <vector>

using namespace MultiFlexi;
using namespace std::chrono_literals;

namespace {

struct FakeClock {
  std::chrono::steady_clock::time_point now{std::chrono::steady_clock::time_point() + 1000s};
  RateLimiter::Clock fn() {
    return [this] { return now; };
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(rate_limiter)

BOOST_AUTO_TEST_CASE(the_request_over_the_limit_waits_for_the_window_end) {
  FakeClock clock;
  RateLimiter limiter(3, 60s, 100, clock.fn());
  for (int i = 0; i < 3; ++i) BOOST_TEST(!limiter.admit("user a"));
  clock.now += 20s;
  const auto wait = limiter.admit("user a");
  BOOST_REQUIRE(wait);
  BOOST_TEST(wait->count() == 40);
  BOOST_TEST(!limiter.admit("user b"));  // others are counted apart
  clock.now += 39500ms;
  BOOST_TEST(limiter.admit("user a")->count() == 1);  // rounded up, never 0
  clock.now += 500ms;  // a new window
  BOOST_TEST(!limiter.admit("user a"));
}

BOOST_AUTO_TEST_CASE(memory_is_bounded_and_a_flood_of_new_keys_locks_no_one_out) {
  FakeClock clock;
  RateLimiter limiter(2, 10s, 3, clock.fn());
  for (int i = 0; i < 3; ++i) BOOST_TEST(!limiter.admit("k" + std::to_string(i)));
  // Full: new keys go uncounted (a shared bucket would refuse every new client).
  for (int i = 0; i < 100; ++i) BOOST_TEST(!limiter.admit("k" + std::to_string(100 + i)));
  BOOST_TEST(limiter.overflowed() == 100u);
  BOOST_TEST(limiter.tracked() == 3u);
  BOOST_TEST(!limiter.admit("k0"));  // tracked keys keep their own count
  BOOST_TEST(limiter.admit("k0").has_value());
  clock.now += 10s;  // the window ends: every key is forgotten
  BOOST_TEST(!limiter.admit("k99"));
  BOOST_TEST(limiter.tracked() == 1u);
  BOOST_TEST(limiter.overflowed() == 100u);
}

BOOST_AUTO_TEST_CASE(threads_share_one_count) {
  FakeClock clock;
  RateLimiter limiter(1000, 60s, 10, clock.fn());
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i)
        if (!limiter.admit("address 127.0.0.1")) ++admitted;
    });
  for (auto& t : threads) t.join();
  BOOST_TEST(admitted.load() == 1000);
}

BOOST_AUTO_TEST_SUITE_END()
