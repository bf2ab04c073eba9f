// ExecutorSubsystem on a real store with the real native plugin, alone and
// composed with the scheduler as `up` composes them: one pass runs what is
// due, a stop signal drains and cancels, a bad setting undoes the start.
#include <boost/test/unit_test.hpp>

#include "SubsystemFixture.h"
#include "app/Daemon.h"
#include "app/ExecutorSubsystem.h"
#include "app/SchedulerSubsystem.h"
#include "common/Exceptions.h"

#include <chrono>
#include <thread>

#include <signal.h>
#include <unistd.h>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;
using namespace std::chrono_literals;

BOOST_FIXTURE_TEST_SUITE(executor_subsystem, SubsystemFixture)

BOOST_AUTO_TEST_CASE(one_pass_runs_a_due_job_to_its_end) {
  const int64_t id = schedule(templateRunning("/bin/sh", "-c 'exit 3'"));
  Daemon daemon;
  daemon.add(new ExecutorSubsystem(*db, plugins));
  daemon.initialize(*app);
  daemon.run(true);
  const Job done = *jobs.findById(id);
  BOOST_TEST((done.state == JobState::Failed));
  BOOST_TEST(done.exitCode.value_or(-1) == 3);
}

BOOST_AUTO_TEST_CASE(up_books_the_slot_then_runs_it_in_one_pass) {
  const int64_t templateId = minutely("/bin/true");
  Poco::AutoPtr<SchedulerSubsystem> scheduler(new SchedulerSubsystem(*db));
  Poco::AutoPtr<ExecutorSubsystem> executor(new ExecutorSubsystem(*db, plugins));
  scheduler->setJobsCreated([e = executor.get()](const std::vector<int64_t>&) { e->wake(); });
  Daemon daemon;
  daemon.add(scheduler);
  daemon.add(executor);
  daemon.initialize(*app);
  BOOST_TEST(sockets() == 2u);  // each listens for its topic
  daemon.run(true);
  const auto ran = jobs.list(JobFilter{.state = std::nullopt, .runtemplateId = templateId, .companyId = std::nullopt, .companyIds = std::nullopt, .scheduledFrom = std::nullopt, .scheduledUntil = std::nullopt, .order = std::nullopt, .limit = 10, .offset = 0});
  BOOST_REQUIRE_EQUAL(ran.size(), 1u);
  BOOST_TEST((ran[0].state == JobState::Success));
  BOOST_TEST(sockets() == 0u);
}

BOOST_AUTO_TEST_CASE(a_bad_setting_is_named_and_the_scheduler_started_before_it_is_stopped) {
  app->config().setString("multiflexi.maxParallel", "lots");
  Daemon daemon;
  daemon.add(new SchedulerSubsystem(*db));
  daemon.add(new ExecutorSubsystem(*db, plugins));
  BOOST_CHECK_EXCEPTION(daemon.initialize(*app), ConfigurationException, [](const ConfigurationException& e) {
    return e.message().find("MULTIFLEXI_MAX_PARALLEL: expected a whole number >= 0, got 'lots'") != std::string::npos;
  });
  BOOST_TEST(sockets() == 0u);  // the scheduler's socket went with it
}

BOOST_AUTO_TEST_SUITE_END()

// The plugin starts a thread when it loads: the daemon comes first, as in
// the executor command, so that the signal reaches its listener.
BOOST_AUTO_TEST_CASE(a_stop_signal_drains_then_cancels_the_running_job) {
  Daemon daemon;
  SubsystemFixture f;
  f.app->config().setString("multiflexi.daemonize", "true");
  f.app->config().setString("multiflexi.shutdownGrace", "0.2");
  const int64_t id = f.schedule(f.templateRunning("/bin/sleep", "300"));
  daemon.add(new ExecutorSubsystem(*f.db, f.plugins));
  daemon.initialize(*f.app);
  std::thread sender([&] {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!f.jobs.findById(id)->pid && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(50ms);
    ::kill(::getpid(), SIGTERM);
  });
  const auto start = std::chrono::steady_clock::now();
  daemon.run(false);  // the cycle pause is a minute: only the signal ends it sooner
  sender.join();
  BOOST_TEST((std::chrono::steady_clock::now() - start < 30s));
  BOOST_TEST((f.job(id).state == JobState::Cancelled));
}
