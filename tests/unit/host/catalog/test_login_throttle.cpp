// Failed sign-ins per key on an injected clock: the growing delay, and a
// full table that neither forgets a throttled key nor lets new keys through
// unthrottled.
#include <boost/test/unit_test.hpp>

#include "catalog/LoginThrottle.h"

using namespace MultiFlexi;

namespace {
LoginThrottle::Policy small(std::size_t capacity) {
  LoginThrottle::Policy p;
  p.freeFailures = 2;
  p.windowMs = 60'000;
  p.maxDelayMs = 30'000;
  p.capacity = capacity;
  return p;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(login_throttle)

BOOST_AUTO_TEST_CASE(the_delay_grows_after_the_free_failures) {
  LoginThrottle throttle(small(10));
  Instant now = 1'000'000;
  throttle.recordFailure("addr:a", now);
  BOOST_TEST(throttle.refusedForMs("addr:a", now) == 0);
  throttle.recordFailure("addr:a", now);
  BOOST_TEST(throttle.refusedForMs("addr:a", now) == 2000);
  now += 2000;
  BOOST_TEST(throttle.refusedForMs("addr:a", now) == 0);
  throttle.recordFailure("addr:a", now);
  BOOST_TEST(throttle.refusedForMs("addr:a", now) == 4000);
  BOOST_TEST(throttle.refusedForMs("addr:b", now) == 0);
  throttle.recordSuccess("addr:a");
  BOOST_TEST(throttle.refusedForMs("addr:a", now) == 0);
}

BOOST_AUTO_TEST_CASE(a_flood_of_new_keys_cannot_evict_a_throttled_key_nor_lock_out_new_clients) {
  LoginThrottle throttle(small(3));
  Instant now = 1'000'000;
  for (int i = 0; i < 4; ++i) throttle.recordFailure("user:admin", now);
  const int64_t refused = throttle.refusedForMs("user:admin", now);
  BOOST_TEST(refused == 8000);
  throttle.recordFailure("addr:x", now);
  throttle.recordFailure("addr:y", now);
  BOOST_TEST(throttle.tracked() == 3u);
  // The table is full: the flood's failures go untracked, counted.
  for (int i = 0; i < 1000; ++i) {
    const std::string key = "addr:2001:db8:" + std::to_string(i) + "::/64";
    if (throttle.refusedForMs(key, now + i) == 0) throttle.recordFailure(key, now + i);
  }
  BOOST_TEST(throttle.tracked() == 3u);
  BOOST_TEST(throttle.overflowed() == 1000u);
  BOOST_TEST(throttle.refusedForMs("addr:never-seen", now + 1000) == 0);  // a new client is not locked out
  BOOST_TEST(throttle.refusedForMs("user:admin", now + 1000) == refused - 1000);  // still throttled
  BOOST_TEST(throttle.refusedForMs("addr:x", now + 1000) == 0);                  // tracked keys keep their own count
}

BOOST_AUTO_TEST_CASE(keys_whose_failures_left_the_window_make_room) {
  LoginThrottle throttle(small(2));
  Instant now = 1'000'000;
  throttle.recordFailure("addr:a", now);
  throttle.recordFailure("addr:b", now + 30'000);
  throttle.recordFailure("addr:c", now + 30'000);  // full: untracked
  BOOST_TEST(throttle.overflowed() == 1u);
  now += 60'000;  // a's failure has left the window, b's has not
  throttle.recordFailure("addr:c", now);
  BOOST_TEST(throttle.overflowed() == 1u);
  BOOST_TEST(throttle.tracked() == 2u);
  throttle.recordFailure("addr:c", now);
  BOOST_TEST(throttle.refusedForMs("addr:c", now) == 2000);
  BOOST_TEST(throttle.refusedForMs("addr:b", now) == 0);
}

BOOST_AUTO_TEST_CASE(many_failures_keep_the_longest_delay) {
  LoginThrottle throttle(small(2));
  for (Instant t = 0; t < 100'000; ++t) throttle.recordFailure("addr:a", 1'000'000 + t);
  BOOST_TEST(throttle.refusedForMs("addr:a", 1'100'000) == 30'000 - 1);
}

BOOST_AUTO_TEST_SUITE_END()
