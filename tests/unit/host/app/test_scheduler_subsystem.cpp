// SchedulerSubsystem on a real store: its service lives from initialize to
// uninitialize, one pass books what is due and says so.
#include <boost/test/unit_test.hpp>

#include "SubsystemFixture.h"
#include "app/Daemon.h"
#include "app/SchedulerSubsystem.h"
#include "common/Exceptions.h"

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

BOOST_FIXTURE_TEST_SUITE(scheduler_subsystem, SubsystemFixture)

BOOST_AUTO_TEST_CASE(one_pass_creates_the_due_job_and_calls_back) {
  const int64_t templateId = minutely("/bin/true");  // new: its current slot is due at once
  int created = 0;
  Poco::AutoPtr<SchedulerSubsystem> scheduler(new SchedulerSubsystem(*db));
  scheduler->setJobsCreated([&](const std::vector<int64_t>& ids) { created += static_cast<int>(ids.size()); });
  Daemon daemon;
  daemon.add(scheduler);
  daemon.initialize(*app);
  daemon.run(true);
  const auto booked = jobs.list(JobFilter{.state = std::nullopt, .runtemplateId = templateId, .companyId = std::nullopt, .companyIds = std::nullopt, .scheduledFrom = std::nullopt, .scheduledUntil = std::nullopt, .order = std::nullopt, .limit = 10, .offset = 0});
  BOOST_REQUIRE_EQUAL(booked.size(), 1u);
  BOOST_TEST((booked[0].state == JobState::Pending));
  BOOST_TEST(created == 1);
}

BOOST_AUTO_TEST_CASE(its_wake_up_socket_lives_from_initialize_to_uninitialize) {
  Daemon daemon;
  daemon.add(new SchedulerSubsystem(*db));
  BOOST_TEST(sockets() == 0u);
  daemon.initialize(*app);
  BOOST_TEST(sockets() == 1u);
  daemon.run(true);
  BOOST_TEST(sockets() == 0u);
}

BOOST_AUTO_TEST_CASE(a_setting_that_cannot_be_used_is_named) {
  app->config().setString("multiflexi.maxCatchUp", "many");
  Daemon daemon;
  daemon.add(new SchedulerSubsystem(*db));
  BOOST_CHECK_EXCEPTION(daemon.initialize(*app), ConfigurationException, [](const ConfigurationException& e) {
    return e.message().find("MULTIFLEXI_MAX_CATCH_UP") != std::string::npos;
  });
  BOOST_TEST(sockets() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
