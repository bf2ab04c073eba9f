// Streams at once, overall and per client; a place is freed when its ticket goes.
#include <boost/test/unit_test.hpp>

#include "http/StreamGate.h"

#include <atomic>
#include <thread>
#include <vector>

using namespace MultiFlexi;
using Refused = StreamGate::Admission::Refused;

BOOST_AUTO_TEST_SUITE(stream_gate)

BOOST_AUTO_TEST_CASE(the_per_client_and_the_total_limit_refuse_apart) {
  StreamGate gate(3, 2);
  auto a1 = gate.admit("user alice");
  auto a2 = gate.admit("user alice");
  BOOST_TEST((a1.refused == Refused::No && a2.refused == Refused::No));
  BOOST_TEST(a1.ticket != nullptr);
  const auto a3 = gate.admit("user alice");
  BOOST_TEST((a3.refused == Refused::Client));
  BOOST_TEST(a3.ticket == nullptr);
  auto b1 = gate.admit("user bob");
  BOOST_TEST((b1.refused == Refused::No));
  BOOST_TEST((gate.admit("user carol").refused == Refused::Total));
  BOOST_TEST(gate.running() == 3u);
  a1.ticket.reset();  // a stream ends
  BOOST_TEST(gate.running() == 2u);
  BOOST_TEST((gate.admit("user carol").refused == Refused::No));  // its ticket is dropped at once
  auto again = gate.admit("user alice");
  BOOST_TEST((again.refused == Refused::No));
  BOOST_TEST(gate.running() == 3u);
}

BOOST_AUTO_TEST_CASE(zero_allows_no_stream_and_odd_client_names_are_just_keys) {
  StreamGate none(0, 2);
  BOOST_TEST((none.admit("user a").refused == Refused::Total));
  StreamGate noneEach(4, 0);
  BOOST_TEST((noneEach.admit("user a").refused == Refused::Client));
  StreamGate gate(2, 1);
  auto nul = gate.admit(std::string("a\0b", 3));
  BOOST_TEST((nul.refused == Refused::No));
  BOOST_TEST((gate.admit("a").refused == Refused::Client) == false);  // "a" is not "a\0b"
  auto held = gate.admit("'; DROP TABLE user; --");
  BOOST_TEST((held.refused == Refused::No));
  BOOST_TEST((gate.admit("'; DROP TABLE user; --").refused == Refused::Client));
  BOOST_TEST((gate.admit(std::string(100000, 'x')).refused == Refused::Total));
}

BOOST_AUTO_TEST_CASE(threads_never_exceed_the_total) {
  StreamGate gate(4, 100);
  std::atomic<int> inside{0}, most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        auto a = gate.admit("user " + std::to_string(t));
        if (!a.ticket) continue;
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        --inside;
      }
    });
  for (auto& t : threads) t.join();
  BOOST_TEST(most.load() <= 4);
  BOOST_TEST(gate.running() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
