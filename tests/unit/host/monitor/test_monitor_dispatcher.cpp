// The dispatcher on a real store: SCHEDULED is sent once per job, before
// anything else of it — also in `up`, where an executor may claim a slot job
// before the scheduler's report of it arrives —, a lost job's late end sends
// no second LOST, and a job cancelled before it started gets CANCELLED.
#include <boost/test/unit_test.hpp>

#include "Seed.h"
#include "TempDir.h"
#include "TestMonitor.h"
#include "monitor/MonitorDispatcher.h"
#include "scheduler/Scheduler.h"
#include "store/JobRepository.h"
#include "store/Sql.h"

#include <chrono>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;
using namespace std::chrono_literals;

namespace {

struct DispatcherFixture {
  TempDir dir;
  std::unique_ptr<Database> db = Database::openSqlite(dir.file("monitor.db"));
  int64_t companyId = seedCompany(*db, "acme");
  int64_t appId = seedApp(*db, appRunning("importer", "/bin/true"));
  TestMonitor monitor{"dispatch"};
  mfx_monitor table = monitor.table();
  MonitorAdapter adapter{table, "org.test"};

  /// A slot job the scheduler created, as the executor claims it.
  Job slotJob() {
    seedTemplate(*db, templateOf(appId, companyId, 'i'));
    const TickReport report = Scheduler(*db, SchedulerSettings{}).tick(nowMs() + 3'600'000);
    BOOST_REQUIRE(!report.created.empty());
    auto job = JobRepository(*db).findById(report.created.front());
    BOOST_REQUIRE(job.has_value());
    BOOST_REQUIRE(job->slot.has_value());
    return *job;
  }

  std::unique_ptr<MonitorDispatcher> dispatcher(const std::string& daemon) {
    MonitorQueueOptions options;
    options.capacity = 100;
    return std::make_unique<MonitorDispatcher>(*db, std::vector<MonitorAdapter*>{&adapter}, options, daemon);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(monitor_dispatcher, DispatcherFixture)

BOOST_AUTO_TEST_CASE(in_up_a_slot_job_claimed_before_the_schedulers_report_is_announced_once_at_the_claim) {
  const Job job = slotJob();
  auto d = dispatcher("up");
  d->jobsClaimed({job});
  d->jobsCreated({job.id});  // the scheduler's report, late
  d->jobsCreated({job.id});
  BOOST_TEST(d->stop(5s) == 0u);
  BOOST_REQUIRE_EQUAL(monitor.seen.size(), 1u);
  BOOST_TEST(monitor.seen[0].first == MFX_EV_SCHEDULED);
  BOOST_TEST(monitor.seen[0].second == job.id);
}

BOOST_AUTO_TEST_CASE(an_executor_alone_leaves_slot_jobs_to_the_schedulers_process) {
  const Job job = slotJob();
  auto d = dispatcher("executor");
  d->jobsClaimed({job});
  BOOST_TEST(d->stop(5s) == 0u);
  BOOST_TEST(monitor.seen.empty());
}

BOOST_AUTO_TEST_CASE(a_scheduler_announces_what_it_created_once) {
  const Job job = slotJob();
  auto d = dispatcher("scheduler");
  d->jobsCreated({job.id});
  d->jobsCreated({job.id});
  BOOST_TEST(d->stop(5s) == 0u);
  BOOST_REQUIRE_EQUAL(monitor.seen.size(), 1u);
  BOOST_TEST(monitor.seen[0].first == MFX_EV_SCHEDULED);
}

BOOST_AUTO_TEST_CASE(a_lost_job_is_lost_once_even_when_its_end_is_recorded_late) {
  const Job job = slotJob();
  Poco::Data::Session s = db->session();
  Sql::execute(s, "UPDATE job SET state = 'lost', outcome = 'lost', end_at = ? WHERE id = ?",
               {Sql::value(nowMs()), Sql::value(job.id)});
  auto d = dispatcher("executor");
  d->jobsLost({LostJob{job.id, std::nullopt, "executor-1"}});
  const JobEnd end{JobState::Lost, "lost", std::nullopt, std::nullopt, "", nowMs()};
  d->jobEndRecorded(JobEndReport{job.id, &end, "", std::nullopt});  // the late end
  BOOST_TEST(d->stop(5s) == 0u);
  BOOST_REQUIRE_EQUAL(monitor.seen.size(), 1u);
  BOOST_TEST(monitor.seen[0].first == MFX_EV_LOST);
}

BOOST_AUTO_TEST_CASE(jobs_cancelled_before_they_started_are_announced_once) {
  const Job job = slotJob();
  auto d = dispatcher("scheduler");
  d->jobsCreated({job.id});
  {
    Poco::Data::Session s = db->session();
    BOOST_REQUIRE(JobRepository(*db).cancelPending(s, job.id, "alice", nowMs() + 1));
  }
  d->pollCancelledBeforeStart();
  d->pollCancelledBeforeStart();  // nothing new
  BOOST_TEST(d->stop(5s) == 0u);
  BOOST_REQUIRE_EQUAL(monitor.seen.size(), 2u);
  BOOST_TEST(monitor.seen[0].first == MFX_EV_SCHEDULED);
  BOOST_TEST(monitor.seen[1].first == MFX_EV_CANCELLED);
  BOOST_TEST(monitor.seen[1].second == job.id);
}

BOOST_AUTO_TEST_SUITE_END()
