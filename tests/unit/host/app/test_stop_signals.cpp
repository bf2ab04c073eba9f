// StopSignals: the one stop path — the first signal calls stop once, later
// ones are taken without killing the process, the mask comes back after.
#include <boost/test/unit_test.hpp>

#include "app/StopSignals.h"

#include <atomic>
#include <chrono>
#include <thread>

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

using namespace MultiFlexi;
using namespace std::chrono_literals;

namespace {

bool blocked(int sig) {
  sigset_t mask;
  pthread_sigmask(SIG_BLOCK, nullptr, &mask);
  return sigismember(&mask, sig) == 1;
}

template <class Predicate>
bool within(std::chrono::milliseconds limit, Predicate done) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stop_signals)

BOOST_AUTO_TEST_CASE(the_first_signal_stops_once_and_later_ones_are_taken) {
  std::atomic<int> calls{0};
  std::atomic<int> received{0};
  {
    StopSignals signals;
    signals.onStop([&](int sig) {
      received = sig;
      ++calls;
    });
    ::kill(::getpid(), SIGTERM);
    BOOST_REQUIRE(within(5s, [&] { return calls == 1; }));
    BOOST_TEST(received == SIGTERM);
    // A second Ctrl-C and a hang-up while stopping: the process lives on.
    ::kill(::getpid(), SIGINT);
    ::kill(::getpid(), SIGHUP);
    std::this_thread::sleep_for(500ms);
  }
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(the_signals_are_blocked_while_it_lives_and_the_mask_comes_back) {
  BOOST_REQUIRE(!blocked(SIGUSR1));
  {
    StopSignals signals({SIGUSR1});
    BOOST_TEST(blocked(SIGUSR1));
    BOOST_TEST(!blocked(SIGUSR2));
    bool inThread = false;
    std::thread([&] { inThread = blocked(SIGUSR1); }).join();
    BOOST_TEST(inThread);  // threads started from now on inherit it
  }
  BOOST_TEST(!blocked(SIGUSR1));
}

BOOST_AUTO_TEST_CASE(a_caller_chooses_which_signals_stop) {
  std::atomic<int> received{0};
  StopSignals signals({SIGUSR1, SIGUSR2});
  signals.onStop([&](int sig) { received = sig; });
  ::kill(::getpid(), SIGUSR2);
  BOOST_TEST(within(5s, [&] { return received == SIGUSR2; }));
}

BOOST_AUTO_TEST_SUITE_END()
