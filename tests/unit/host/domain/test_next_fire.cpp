// Next fire times in IANA zones, across both DST transitions.
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "domain/NextFire.h"

#include <date/tz.h>

using namespace MultiFlexi;

namespace {

Instant utc(const std::string& text) {  // "2026-03-29T00:30:00"
  std::optional<int> offset;
  const auto t = parseDateTime(text, offset);
  BOOST_REQUIRE(t.has_value());
  return instantOf(*t, 0);
}

std::string next(const std::string& expression, const std::string& zone, const std::string& afterUtc) {
  const auto fire = nextFire(CronExpression::parse(expression), zoneNamed("tz", zone), utc(afterUtc));
  return fire ? formatInstant(*fire) : "never";
}

/// The first `n` fire times after `afterUtc`.
std::vector<std::string> series(const std::string& expression, const std::string& zone,
                                const std::string& afterUtc, int n) {
  std::vector<std::string> out;
  Instant from = utc(afterUtc);
  for (int i = 0; i < n; ++i) {
    from = *nextFire(CronExpression::parse(expression), zoneNamed("tz", zone), from);
    out.push_back(formatInstant(from));
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(next_fire)

BOOST_AUTO_TEST_CASE(daily_at_two_in_prague_in_winter_and_summer) {
  BOOST_TEST(next("0 2 * * *", "Europe/Prague", "2026-01-10T12:00:00") == "2026-01-11T01:00:00.000Z");
  BOOST_TEST(next("0 2 * * *", "Europe/Prague", "2026-07-10T12:00:00") == "2026-07-11T00:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(a_skipped_local_time_runs_once_when_the_gap_ends) {
  // 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
  BOOST_TEST((series("0 2 * * *", "Europe/Prague", "2026-03-27T12:00:00", 3) ==
              std::vector<std::string>{"2026-03-28T01:00:00.000Z", "2026-03-29T01:00:00.000Z",
                                       "2026-03-30T00:00:00.000Z"}));
  // Every quarter hour of the missing hour collapses into one run.
  BOOST_TEST((series("*/15 2 * * *", "Europe/Prague", "2026-03-29T00:00:00", 2) ==
              std::vector<std::string>{"2026-03-29T01:00:00.000Z", "2026-03-30T00:00:00.000Z"}));
  // 02:30 does not exist either: it too runs at the end of the gap.
  BOOST_TEST(next("30 2 * * *", "Europe/Prague", "2026-03-28T23:00:00") == "2026-03-29T01:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(a_repeated_local_time_runs_once) {
  // 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00 UTC; 02:30 happens twice.
  BOOST_TEST((series("30 2 * * *", "Europe/Prague", "2026-10-24T12:00:00", 3) ==
              std::vector<std::string>{"2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z",
                                       "2026-10-27T01:30:00.000Z"}));
  // Starting inside the repeat (02:10 CET), the already-passed 02:30 is not run again.
  BOOST_TEST(next("30 2 * * *", "Europe/Prague", "2026-10-25T01:10:00") == "2026-10-26T01:30:00.000Z");
  // An hourly job: 02:00 runs once, then 03:00 CET.
  BOOST_TEST((series("0 * * * *", "Europe/Prague", "2026-10-24T23:30:00", 3) ==
              std::vector<std::string>{"2026-10-25T00:00:00.000Z", "2026-10-25T02:00:00.000Z",
                                       "2026-10-25T03:00:00.000Z"}));
}

BOOST_AUTO_TEST_CASE(the_same_rules_hold_in_new_york) {
  // 2026-03-08 02:00 EST -> 03:00 EDT at 07:00 UTC; 2026-11-01 02:00 EDT -> 01:00 EST at 06:00 UTC.
  BOOST_TEST(next("30 2 * * *", "America/New_York", "2026-03-08T05:00:00") == "2026-03-08T07:00:00.000Z");
  BOOST_TEST((series("30 1 * * *", "America/New_York", "2026-10-31T12:00:00", 2) ==
              std::vector<std::string>{"2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"}));
}

BOOST_AUTO_TEST_CASE(interval_code_expressions_in_utc) {
  BOOST_TEST(next("* * * * *", "UTC", "2026-11-23T10:15:30") == "2026-11-23T10:16:00.000Z");
  BOOST_TEST(next("0 0 * * 1", "UTC", "2026-11-23T10:15:00") == "2026-11-30T00:00:00.000Z");  // Monday
  BOOST_TEST(next("0 0 1 * *", "UTC", "2026-11-23T10:15:00") == "2026-12-01T00:00:00.000Z");
  BOOST_TEST(next("0 0 1 1 *", "UTC", "2026-11-23T10:15:00") == "2027-01-01T00:00:00.000Z");
  // Strictly after: a slot exactly at `after` is not returned again.
  BOOST_TEST(next("0 * * * *", "UTC", "2026-11-23T10:00:00") == "2026-11-23T11:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(day_rules_leap_days_and_never) {
  BOOST_TEST(next("0 0 13 * 5", "UTC", "2026-11-23T00:00:00") == "2026-11-27T00:00:00.000Z");  // a Friday first
  BOOST_TEST(next("0 0 29 2 *", "UTC", "2026-03-01T00:00:00") == "2028-02-29T00:00:00.000Z");
  BOOST_TEST(next("0 0 30 2 *", "UTC", "2026-03-01T00:00:00") == "never");
  // 2100 is not a leap year: the next 29 February after 2096 is in 2104.
  BOOST_TEST(next("0 0 29 2 *", "UTC", "2096-03-01T00:00:00") == "2104-02-29T00:00:00.000Z");
  BOOST_TEST(next("0 0 29 2 *", "Europe/Prague", "2096-03-01T00:00:00") == "2104-02-28T23:00:00.000Z");
  BOOST_TEST(next("0 0 31 4,6,9,11 *", "UTC", "2026-03-01T00:00:00") == "never");
  BOOST_TEST(next("0 12 31 * *", "Asia/Tokyo", "2026-11-23T00:00:00") == "2026-12-31T03:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(date_times_are_read_strictly) {
  std::optional<int> offset;
  const auto t = parseDateTime("2026-03-29T01:30:15.250+02:00", offset);
  BOOST_REQUIRE(t.has_value());
  BOOST_TEST(*offset == 120);
  BOOST_TEST(formatInstant(instantOf(*t, *offset)) == "2026-03-28T23:30:15.250Z");
  BOOST_TEST(parseDateTime("2026-03-29 01:30", offset).has_value());
  BOOST_TEST(!offset.has_value());
  for (const char* bad : {"2026-02-30T00:00", "2026-13-01T00:00", "2026-01-01T24:00", "2026-01-01", "yesterday",
                          "2026-01-01T00:00+1", "2026-01-01T00:00:00Zjunk"})
    BOOST_TEST(!parseDateTime(bad, offset).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(an_unknown_zone_names_the_field) {
  BOOST_CHECK_EXCEPTION(zoneNamed("tz", "Europe/Nowhere"), ValidationException, [](const ValidationException& e) {
    return e.message().find("tz: unknown time zone 'Europe/Nowhere'") == 0;
  });
}

BOOST_AUTO_TEST_SUITE_END()
