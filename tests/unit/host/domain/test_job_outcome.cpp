// The table of job outcomes: names and end states of the ABI's MFX_EXIT_* codes.
#include <boost/test/unit_test.hpp>

#include "domain/JobOutcome.h"

#include <multiflexi/mfx_plugin.h>

#include <string>

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(job_outcome)

BOOST_AUTO_TEST_CASE(every_abi_outcome_has_its_recorded_name) {
  BOOST_TEST(std::string(jobOutcomeName(MFX_EXIT_EXITED)) == "exited");
  BOOST_TEST(std::string(jobOutcomeName(MFX_EXIT_SIGNALED)) == "signaled");
  BOOST_TEST(std::string(jobOutcomeName(MFX_EXIT_CANCELLED)) == "cancelled");
  BOOST_TEST(std::string(jobOutcomeName(MFX_EXIT_TIMED_OUT)) == "timed_out");
  BOOST_TEST(std::string(jobOutcomeName(MFX_EXIT_LAUNCH_FAILED)) == "launch_failed");
  BOOST_TEST(std::string(jobOutcomeName(MFX_EXIT_LOST)) == "lost");
  BOOST_TEST(std::string(jobOutcomeName(0)) == "lost");   // a plugin's unknown code
  BOOST_TEST(std::string(jobOutcomeName(99)) == "lost");
}

BOOST_AUTO_TEST_CASE(only_an_exit_with_zero_succeeds) {
  BOOST_TEST(jobStateName(jobEndState(MFX_EXIT_EXITED, 0)) == jobStateName(JobState::Success));
  BOOST_TEST(jobStateName(jobEndState(MFX_EXIT_EXITED, 3)) == jobStateName(JobState::Failed));
  BOOST_TEST(jobStateName(jobEndState(MFX_EXIT_SIGNALED, 0)) == jobStateName(JobState::Failed));
  BOOST_TEST(jobStateName(jobEndState(MFX_EXIT_TIMED_OUT, 0)) == jobStateName(JobState::Failed));
  BOOST_TEST(jobStateName(jobEndState(MFX_EXIT_LAUNCH_FAILED, 0)) == jobStateName(JobState::Failed));
  BOOST_TEST(jobStateName(jobEndState(MFX_EXIT_CANCELLED, 0)) == jobStateName(JobState::Cancelled));
  BOOST_TEST(jobStateName(jobEndState(MFX_EXIT_LOST, 0)) == jobStateName(JobState::Lost));
  BOOST_TEST(jobStateName(jobEndState(42, 0)) == jobStateName(JobState::Lost));
}

BOOST_AUTO_TEST_SUITE_END()
