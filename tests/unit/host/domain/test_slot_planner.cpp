// Slot planning: on time, after downtime under each misfire policy, across
// DST, bounded catch-up.
#include <boost/test/unit_test.hpp>

#include "domain/NextFire.h"
#include "domain/SlotPlanner.h"

using namespace MultiFlexi;

namespace {

Instant at(const std::string& text) {
  std::optional<int> offset;
  return instantOf(*parseDateTime(text, offset), 0);
}

std::vector<std::string> texts(const std::vector<Instant>& instants) {
  std::vector<std::string> out;
  for (Instant i : instants) out.push_back(formatInstant(i));
  return out;
}

SlotPlan plan(const std::string& cron, const std::string& zone, std::optional<Instant> pendingFrom, Instant now,
              MisfirePolicy policy, std::size_t maxCatchUp = 100) {
  SlotRules rules;
  rules.misfire = policy;
  rules.maxCatchUp = maxCatchUp;
  return planSlots(CronExpression::parse(cron), zoneNamed("tz", zone), pendingFrom, now, rules);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(slot_planner)

BOOST_AUTO_TEST_CASE(a_template_never_scheduled_runs_at_most_its_latest_slot_within_grace) {
  for (MisfirePolicy p : {MisfirePolicy::Latest, MisfirePolicy::Skip, MisfirePolicy::All}) {
    const SlotPlan s = plan("* * * * *", "UTC", std::nullopt, at("2026-11-23T10:00:30"), p);
    BOOST_TEST((texts(s.run) == std::vector<std::string>{"2026-11-23T10:00:00.000Z"}));  // not 09:59 too
    BOOST_TEST(formatInstant(*s.nextPending) == "2026-11-23T10:01:00.000Z");
  }
}

BOOST_AUTO_TEST_CASE(an_on_time_slot_runs_under_every_policy) {
  for (MisfirePolicy p : {MisfirePolicy::Latest, MisfirePolicy::Skip, MisfirePolicy::All}) {
    const SlotPlan s = plan("* * * * *", "UTC", at("2026-11-23T10:00:00"), at("2026-11-23T10:00:00.400"), p);
    BOOST_TEST((texts(s.run) == std::vector<std::string>{"2026-11-23T10:00:00.000Z"}));
    BOOST_TEST(formatInstant(*s.nextPending) == "2026-11-23T10:01:00.000Z");
  }
}

BOOST_AUTO_TEST_CASE(nothing_is_due_before_the_slot) {
  const SlotPlan s = plan("0 2 * * *", "UTC", at("2026-11-24T02:00:00"), at("2026-11-24T01:59:59.999"),
                          MisfirePolicy::Latest);
  BOOST_TEST(s.run.empty());
  BOOST_TEST(formatInstant(*s.nextPending) == "2026-11-24T02:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(after_downtime_each_policy_does_what_it_says) {
  // Daily at 02:00; down from day 1 01:00 until day 3 05:00.
  const auto pending = at("2026-11-21T02:00:00");
  const auto now = at("2026-11-23T05:00:00");
  BOOST_TEST((texts(plan("0 2 * * *", "UTC", pending, now, MisfirePolicy::Latest).run) ==
              std::vector<std::string>{"2026-11-23T02:00:00.000Z"}));
  BOOST_TEST(plan("0 2 * * *", "UTC", pending, now, MisfirePolicy::Skip).run.empty());
  BOOST_TEST((texts(plan("0 2 * * *", "UTC", pending, now, MisfirePolicy::All).run) ==
              std::vector<std::string>{"2026-11-21T02:00:00.000Z", "2026-11-22T02:00:00.000Z",
                                       "2026-11-23T02:00:00.000Z"}));
  BOOST_TEST(formatInstant(*plan("0 2 * * *", "UTC", pending, now, MisfirePolicy::Skip).nextPending) ==
             "2026-11-24T02:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(the_slots_a_policy_does_not_run_are_counted_missed) {
  const auto pending = at("2026-11-21T02:00:00");
  const auto now = at("2026-11-23T05:00:00");  // 3 daily slots due
  BOOST_TEST(plan("0 2 * * *", "UTC", pending, now, MisfirePolicy::Latest).missed == 2u);
  BOOST_TEST(plan("0 2 * * *", "UTC", pending, now, MisfirePolicy::Skip).missed == 3u);
  BOOST_TEST(plan("0 2 * * *", "UTC", pending, now, MisfirePolicy::All).missed == 0u);
  // A day of minutes caught up 100 at a time: the rest are missed, also those the plan let go.
  BOOST_TEST(plan("* * * * *", "UTC", at("2026-11-22T10:00:00"), at("2026-11-23T10:00:30"), MisfirePolicy::All, 100)
                 .missed == 1441u - 100u);
  // On time, or never scheduled before: nothing missed.
  BOOST_TEST(plan("* * * * *", "UTC", at("2026-11-23T10:00:00"), at("2026-11-23T10:00:00.400"), MisfirePolicy::Skip)
                 .missed == 0u);
  BOOST_TEST(plan("* * * * *", "UTC", std::nullopt, at("2026-11-23T10:00:30"), MisfirePolicy::Skip).missed == 0u);
}

BOOST_AUTO_TEST_CASE(skip_still_runs_the_slot_that_is_on_time) {
  // Minutely, down for half an hour, back 10 s after a slot.
  const SlotPlan s = plan("* * * * *", "UTC", at("2026-11-23T10:00:00"), at("2026-11-23T10:30:10"), MisfirePolicy::Skip);
  BOOST_TEST((texts(s.run) == std::vector<std::string>{"2026-11-23T10:30:00.000Z"}));
}

BOOST_AUTO_TEST_CASE(catching_up_all_is_bounded_to_the_most_recent) {
  const SlotPlan s = plan("* * * * *", "UTC", at("2026-11-22T10:00:00"), at("2026-11-23T10:00:30"),
                          MisfirePolicy::All, 100);
  BOOST_TEST(s.run.size() == 100u);
  BOOST_TEST(formatInstant(s.run.back()) == "2026-11-23T10:00:00.000Z");
  BOOST_TEST(formatInstant(s.run.front()) == "2026-11-23T08:21:00.000Z");
  BOOST_TEST(formatInstant(*s.nextPending) == "2026-11-23T10:01:00.000Z");
}

BOOST_AUTO_TEST_CASE(a_new_template_starts_with_the_next_slot_or_one_just_passed) {
  const SlotPlan fresh = plan("0 * * * *", "UTC", std::nullopt, at("2026-11-23T10:20:00"), MisfirePolicy::Latest);
  BOOST_TEST(fresh.run.empty());
  BOOST_TEST(formatInstant(*fresh.nextPending) == "2026-11-23T11:00:00.000Z");
  const SlotPlan justPassed = plan("0 * * * *", "UTC", std::nullopt, at("2026-11-23T11:00:00.250"),
                                   MisfirePolicy::Latest);
  BOOST_TEST((texts(justPassed.run) == std::vector<std::string>{"2026-11-23T11:00:00.000Z"}));
}

BOOST_AUTO_TEST_CASE(daily_at_two_in_prague_runs_once_per_day_across_both_dst_changes) {
  // Walk a scheduler through March and October 2026, waking exactly at each slot.
  for (const char* startDay : {"2026-03-27T12:00:00", "2026-10-23T12:00:00"}) {
    std::optional<Instant> pending;
    Instant now = at(startDay);
    std::vector<Instant> ran;
    for (int tick = 0; tick < 5; ++tick) {
      const SlotPlan s = plan("0 2 * * *", "Europe/Prague", pending, now, MisfirePolicy::Latest);
      ran.insert(ran.end(), s.run.begin(), s.run.end());
      pending = s.nextPending;
      now = *pending + 100;  // the scheduler wakes 100 ms after the slot
    }
    BOOST_TEST_CONTEXT(startDay) {
      BOOST_TEST(ran.size() == 4u);  // the first tick only finds the first slot
      for (std::size_t i = 1; i < ran.size(); ++i) {
        const auto gapHours = (ran[i] - ran[i - 1]) / 3'600'000;
        BOOST_TEST((gapHours == 23 || gapHours == 24 || gapHours == 25));
      }
    }
  }
  // And on the spring day itself, the missing 02:00 runs at the end of the gap.
  const SlotPlan spring = plan("0 2 * * *", "Europe/Prague", at("2026-03-29T01:00:00"),
                               at("2026-03-29T01:00:00.100"), MisfirePolicy::Latest);
  BOOST_TEST((texts(spring.run) == std::vector<std::string>{"2026-03-29T01:00:00.000Z"}));
  BOOST_TEST(formatInstant(*spring.nextPending) == "2026-03-30T00:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(an_expression_that_never_fires_again_has_no_next_slot) {
  const SlotPlan s = plan("0 0 30 2 *", "UTC", std::nullopt, at("2026-11-23T00:00:00"), MisfirePolicy::Latest);
  BOOST_TEST(s.run.empty());
  BOOST_TEST(!s.nextPending.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
