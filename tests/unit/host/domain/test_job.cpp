// Jobs made from a run template: a slot's run, an ad-hoc run; the delay rule.
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "domain/Job.h"

using namespace MultiFlexi;

namespace {

RunTemplate hourly() {
  RunTemplate t;
  t.id = 7;
  t.companyId = 3;
  t.appId = 5;
  t.interval = 'h';
  t.executor = "podman";
  t.delaySeconds = 90;
  return t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(job)

BOOST_AUTO_TEST_CASE(a_slot_job_is_due_at_its_slot_plus_the_delay) {
  const Instant slot = 1'800'000'000'000;
  const Job j = slotJob(hourly(), slot);
  BOOST_TEST(j.runtemplateId.value_or(0) == 7);
  BOOST_TEST(j.companyId == 3);
  BOOST_TEST(j.appId == 5);
  BOOST_TEST(j.slot.value_or(0) == slot);
  BOOST_TEST(j.scheduledFor == slot + 90'000);
  BOOST_TEST(j.scheduleType == Interval::name('h'));
  BOOST_TEST(j.executor == "podman");
  BOOST_TEST(j.launchedBy.value_or("") == "scheduler");
  BOOST_TEST(jobStateName(j.state) == "pending");
}

BOOST_AUTO_TEST_CASE(an_adhoc_job_has_no_slot_and_no_delay) {
  const Job j = adhocJob(hourly(), 1000, "adhoc-cli");
  BOOST_TEST(!j.slot.has_value());
  BOOST_TEST(j.scheduledFor == 1000);
  BOOST_TEST(j.scheduleType == "adhoc-cli");
  BOOST_TEST(!j.launchedBy.has_value());
}

BOOST_AUTO_TEST_CASE(the_delay_is_0_to_86400_seconds) {
  BOOST_TEST(checkedDelay(0) == 0);
  BOOST_TEST(checkedDelay(86400) == 86400);
  for (int64_t bad : {int64_t{-1}, int64_t{86401}, int64_t{1} << 40}) {
    std::string message;
    try {
      checkedDelay(bad);
    } catch (const ValidationException& e) {
      message = e.message();
    }
    BOOST_TEST(message == "delay: must be between 0 and 86400 seconds, got " + std::to_string(bad));
  }
}

BOOST_AUTO_TEST_SUITE_END()
