// Daemon: subsystems start in order and stop in reverse, a stop signal stops
// them all, one loop ending ends the daemon, a failing start undoes what
// started, one pass runs the loops in order on the caller's thread.
#include <boost/test/unit_test.hpp>

#include "app/Daemon.h"

#include <Poco/Exception.h>
#include <Poco/Util/Application.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <signal.h>
#include <unistd.h>

using namespace MultiFlexi;
using namespace std::chrono_literals;

namespace {

/// What the fakes did, in order.
class Journal {
 public:
  void add(std::string entry) {
    std::lock_guard<std::mutex> lock(_mutex);
    _entries.push_back(std::move(entry));
  }
  std::vector<std::string> entries() const {
    std::lock_guard<std::mutex> lock(_mutex);
    return _entries;
  }
  /// The entries that start with `prefix`, in order.
  std::vector<std::string> only(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const auto& e : entries())
      if (e.rfind(prefix, 0) == 0) out.push_back(e);
    return out;
  }

 private:
  mutable std::mutex _mutex;
  std::vector<std::string> _entries;
};

enum class Loop { UntilStopped, Returns, Throws };

class FakeSubsystem : public DaemonSubsystem {
 public:
  FakeSubsystem(std::string name, Journal& journal, Loop loop = Loop::UntilStopped, bool failInit = false)
      : _name(std::move(name)), _journal(journal), _loop(loop), _failInit(failInit) {}

  const char* name() const override { return _name.c_str(); }
  void run(bool once) override {
    _journal.add("run " + _name + (once ? " once" : ""));
    _thread = std::this_thread::get_id();
    if (_loop == Loop::Throws) throw Poco::IOException(_name + " broke");
    if (_loop == Loop::Returns || once) return;
    std::unique_lock<std::mutex> lock(_mutex);
    _woken.wait(lock, [&] { return _stopped; });
  }
  void stop() override {
    _journal.add("stop " + _name);
    std::lock_guard<std::mutex> lock(_mutex);
    _stopped = true;
    _woken.notify_all();
  }
  std::thread::id thread() const { return _thread; }

 protected:
  void initialize(Poco::Util::Application&) override {
    _journal.add("init " + _name);
    if (_failInit) throw Poco::InvalidArgumentException(_name + " cannot start");
  }
  void uninitialize() override { _journal.add("uninit " + _name); }

 private:
  const std::string _name;
  Journal& _journal;
  const Loop _loop;
  const bool _failInit;
  std::mutex _mutex;
  std::condition_variable _woken;
  bool _stopped = false;
  std::thread::id _thread;
};

struct DaemonFixture {
  Poco::AutoPtr<Poco::Util::Application> app{new Poco::Util::Application};
  Journal journal;

  Poco::AutoPtr<FakeSubsystem> fake(const std::string& name, Loop loop = Loop::UntilStopped, bool failInit = false) {
    return Poco::AutoPtr<FakeSubsystem>(new FakeSubsystem(name, journal, loop, failInit));
  }
};

using Entries = std::vector<std::string>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(daemon_composition, DaemonFixture)

BOOST_AUTO_TEST_CASE(subsystems_start_in_order_and_stop_in_reverse_when_one_ends_on_its_own) {
  auto a = fake("a");
  auto b = fake("b");
  auto c = fake("c", Loop::Returns);  // an executor over its memory limit
  Daemon daemon;
  daemon.add(a);
  daemon.add(b);
  daemon.add(c);
  daemon.initialize(*app);
  BOOST_TEST(journal.only("init") == (Entries{"init a", "init b", "init c"}), boost::test_tools::per_element());
  daemon.run(false);
  BOOST_TEST(journal.only("uninit") == (Entries{"uninit c", "uninit b", "uninit a"}), boost::test_tools::per_element());
  // Both loops still running were asked to stop before anything was uninitialized.
  const Entries all = journal.entries();
  const auto firstUninit = std::find(all.begin(), all.end(), "uninit c");
  BOOST_TEST(std::count(all.begin(), firstUninit, "stop a") >= 1);
  BOOST_TEST(std::count(all.begin(), firstUninit, "stop b") >= 1);
  // The last loop ran on the caller's thread, the others on their own.
  BOOST_TEST((c->thread() == std::this_thread::get_id()));
  BOOST_TEST((a->thread() != std::this_thread::get_id()));
  BOOST_TEST((b->thread() != a->thread()));
}

BOOST_AUTO_TEST_CASE(a_stop_signal_stops_every_subsystem) {
  auto a = fake("a");
  auto b = fake("b");
  Daemon daemon;  // blocks SIGTERM before the sender thread starts
  daemon.add(a);
  daemon.add(b);
  daemon.initialize(*app);
  std::thread sender([] {
    std::this_thread::sleep_for(300ms);
    ::kill(::getpid(), SIGTERM);
  });
  const auto start = std::chrono::steady_clock::now();
  daemon.run(false);
  sender.join();
  BOOST_TEST((std::chrono::steady_clock::now() - start < 10s));
  BOOST_TEST(journal.only("stop a").size() >= 1u);
  BOOST_TEST(journal.only("stop b").size() >= 1u);
  BOOST_TEST(journal.only("uninit") == (Entries{"uninit b", "uninit a"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_failing_initialize_is_reported_and_stops_the_ones_already_started) {
  Daemon daemon;
  daemon.add(fake("a"));
  daemon.add(fake("b"));
  daemon.add(fake("c", Loop::UntilStopped, true));
  daemon.add(fake("d"));
  BOOST_CHECK_EXCEPTION(daemon.initialize(*app), Poco::InvalidArgumentException,
                        [](const Poco::Exception& e) { return e.message() == "c cannot start"; });
  BOOST_TEST(journal.entries() == (Entries{"init a", "init b", "init c", "uninit b", "uninit a"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_exception_in_a_loop_stops_the_others_and_reaches_the_caller) {
  auto a = fake("a", Loop::Throws);
  auto b = fake("b");
  Daemon daemon;
  daemon.add(a);
  daemon.add(b);
  daemon.initialize(*app);
  BOOST_CHECK_EXCEPTION(daemon.run(false), Poco::IOException,
                        [](const Poco::Exception& e) { return e.message() == "a broke"; });
  BOOST_TEST(journal.only("stop b").size() >= 1u);
  BOOST_TEST(journal.only("uninit") == (Entries{"uninit b", "uninit a"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(one_pass_runs_the_loops_in_order_on_the_callers_thread) {
  auto a = fake("a");
  auto b = fake("b");
  Daemon daemon;
  daemon.add(a);
  daemon.add(b);
  daemon.initialize(*app);
  daemon.run(true);
  BOOST_TEST(journal.entries() == (Entries{"init a", "init b", "run a once", "run b once", "uninit b", "uninit a"}),
             boost::test_tools::per_element());
  BOOST_TEST((a->thread() == std::this_thread::get_id()));
  BOOST_TEST((b->thread() == std::this_thread::get_id()));
}

BOOST_AUTO_TEST_CASE(a_stop_before_the_start_stops_each_subsystem_as_it_is_initialized) {
  Daemon daemon;
  daemon.add(fake("a"));
  daemon.add(fake("b"));
  daemon.stop();
  daemon.initialize(*app);
  BOOST_TEST(journal.entries() == (Entries{"init a", "stop a", "init b", "stop b"}), boost::test_tools::per_element());
  daemon.run(false);  // returns: both loops see their stop
  BOOST_TEST(journal.only("uninit") == (Entries{"uninit b", "uninit a"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_daemon_left_without_running_uninitializes_what_started) {
  {
    Daemon daemon;
    daemon.add(fake("a"));
    daemon.add(fake("b"));
    daemon.initialize(*app);
  }
  BOOST_TEST(journal.only("uninit") == (Entries{"uninit b", "uninit a"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
