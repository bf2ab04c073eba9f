// Cancel requests honoured by the executor service with the real native
// plugin and real processes: a running job is stopped within moments of the
// request (SIGTERM, SIGKILL after the grace) and recorded Cancelled with its
// real signal; a job cancelled while pending never starts.
#include "ExecutorFixture.h"

#include "app/WakeChannel.h"

#include <thread>

#include <signal.h>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;
using namespace std::chrono_literals;

namespace {

bool alive(int64_t pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0; }

template <class Predicate>
bool within(std::chrono::milliseconds limit, Predicate predicate) {
  for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;) {
    if (predicate()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return predicate();
}

struct CancelFixture : ExecutorFixture {
  /// As JobCatalog::cancel does for a running job: the request, then the wake-up.
  void requestCancel(int64_t id, const std::string& actor, const ExecutorSettings& s) {
    BOOST_TEST(inTransaction(*db, [&](Poco::Data::Session& session) {
      return jobs.requestCancel(session, id, actor, nowMs());
    }));
    notifyDaemons(s.runDir, WakeTopic::Jobs);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(executor_cancel, CancelFixture)

BOOST_AUTO_TEST_CASE(a_running_job_is_stopped_soon_after_the_request_and_recorded_cancelled) {
  ExecutorSettings s = settings();
  s.cyclePause = 60s;  // only the wake-up or the lease work brings a pass
  s.lease = 30s;
  const int64_t id = schedule(templateRunning("/bin/sleep", "30"));
  const int64_t other = schedule(templateRunning("/bin/sleep", "30"));
  ExecutorService executor(*db, plugins, s);
  std::thread loop([&] { executor.run(false); });
  BOOST_REQUIRE(within(10s, [&] { return job(id).pid.has_value() && job(other).pid.has_value(); }));
  const int64_t pid = *job(id).pid;
  const auto asked = std::chrono::steady_clock::now();
  requestCancel(id, "alice", s);
  const bool ended = within(5s, [&] { return job(id).state == JobState::Cancelled; });
  const auto took = std::chrono::steady_clock::now() - asked;
  BOOST_TEST(ended);
  BOOST_TEST(took < 3s);
  BOOST_TEST(!alive(pid));
  const Job cancelled = job(id);
  BOOST_TEST(cancelled.outcome.value_or("") == "cancelled");
  BOOST_TEST(cancelled.termSignal.value_or(0) == SIGTERM);
  BOOST_TEST(cancelled.message.value_or("").find("cancelled by alice") == 0, cancelled.message.value_or(""));
  BOOST_TEST(jobStateName(job(other).state) == "running");  // the other job goes on
  executor.stop();
  loop.join();
}

BOOST_AUTO_TEST_CASE(a_job_ignoring_sigterm_is_killed_after_the_cancel_grace) {
  ExecutorSettings s = settings();
  s.cancelGrace = 500ms;
  const int64_t id = schedule(templateRunning("/bin/sh", "-c 'trap \"\" TERM; sleep 30'"));
  ExecutorService executor(*db, plugins, s);
  std::thread loop([&] { executor.run(false); });
  BOOST_REQUIRE(within(10s, [&] { return job(id).pid.has_value(); }));
  requestCancel(id, "bob", s);
  BOOST_TEST(within(5s, [&] { return job(id).state == JobState::Cancelled; }));
  BOOST_TEST(job(id).termSignal.value_or(0) == SIGKILL);
  BOOST_TEST(job(id).outcome.value_or("") == "cancelled");
  executor.stop();
  loop.join();
}

BOOST_AUTO_TEST_CASE(a_job_cancelled_while_pending_never_starts) {
  const int64_t id = schedule(templateRunning("/bin/sh", "-c 'echo started'"));
  BOOST_TEST(inTransaction(*db, [&](Poco::Data::Session& session) {
    return jobs.cancelPending(session, id, "carol", nowMs());
  }));
  runDue();
  const Job cancelled = job(id);
  BOOST_TEST(jobStateName(cancelled.state) == "cancelled");
  BOOST_TEST(!cancelled.pid.has_value());
  BOOST_TEST(!cancelled.beginAt.has_value());
  BOOST_TEST(output(id).empty());
  BOOST_TEST(cancelled.message.value_or("") == "cancelled by carol");
}

BOOST_AUTO_TEST_CASE(a_job_that_ends_before_the_request_is_acted_on_keeps_its_outcome) {
  const int64_t id = schedule(templateRunning("/bin/true"));
  runDue();
  BOOST_TEST(!inTransaction(*db, [&](Poco::Data::Session& session) {
    return jobs.requestCancel(session, id, "dave", nowMs());
  }));
  BOOST_TEST(jobStateName(job(id).state) == "success");
  BOOST_TEST(job(id).message.value_or("").find("cancelled") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
