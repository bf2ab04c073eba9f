// The dashboard's bucket boundaries: hours by the zone's clock, days as the
// zone's calendar days, also across DST changes and in a half-hour zone.
#include <boost/test/unit_test.hpp>

#include "domain/TimeBuckets.h"

#include <date/tz.h>

using namespace MultiFlexi;

namespace {
constexpr Instant kHour = 3'600'000;
const date::time_zone& zone(const char* name) { return *date::locate_zone(name); }
}  // namespace

BOOST_AUTO_TEST_SUITE(time_buckets)

BOOST_AUTO_TEST_CASE(hours_end_with_the_current_one) {
  const Instant now = 1'796'649'600'000;  // 2026-12-07T13:20Z
  const auto b = hourBoundaries(now, zone("Europe/Prague"), 24);
  BOOST_REQUIRE(b.size() == 25u);
  BOOST_TEST(b[23] == now - 20 * 60'000);
  BOOST_TEST(b[24] == b[23] + kHour);
  BOOST_TEST(b[0] == b[23] - 23 * kHour);
  // Kolkata's hours start at :30 UTC: 18:50 IST is in the hour from 12:30Z.
  const auto k = hourBoundaries(now, zone("Asia/Kolkata"), 24);
  BOOST_TEST(k[23] == 1'796'646'600'000);
  // On the first instant of an hour that hour is the current one.
  BOOST_TEST(hourBoundaries(b[23], zone("UTC"), 2)[1] == b[23]);
}

BOOST_AUTO_TEST_CASE(days_are_local_calendar_days_also_across_dst) {
  const Instant now = 1'796'649'600'000;
  auto d = dayBoundaries(now, zone("Europe/Prague"), 7);
  BOOST_REQUIRE(d.size() == 8u);
  BOOST_TEST(d[6] == 1'796'601'600'000 - kHour);  // midnight in Prague is 23:00Z
  BOOST_TEST(d[7] == d[6] + 24 * kHour);
  BOOST_TEST(d[0] == d[6] - 6 * 24 * kHour);
  BOOST_TEST(dayBoundaries(now, zone("Asia/Kolkata"), 1)[0] == 1'796'581'800'000);

  // 2026-10-25 has 25 hours in Prague (03:00 CEST -> 02:00 CET).
  d = dayBoundaries(1'793'016'000'000, zone("Europe/Prague"), 2);  // 2026-10-26T12:00Z
  BOOST_TEST(d[0] == 1'792'879'200'000);  // 2026-10-25 00:00 CEST = 2026-10-24T22:00Z
  BOOST_TEST(d[1] == 1'792'969'200'000);  // 2026-10-26 00:00 CET = 2026-10-25T23:00Z
  BOOST_TEST(d[1] - d[0] == 25 * kHour);
  // 2026-03-29 has 23.
  d = dayBoundaries(1'774'825'200'000, zone("Europe/Prague"), 1);  // 2026-03-29T23:00Z, 30th 01:00 CEST
  BOOST_TEST(d[0] == 1'774'821'600'000);  // 2026-03-30 00:00 CEST = 2026-03-29T22:00Z
  d = dayBoundaries(1'774'821'600'000 - 1, zone("Europe/Prague"), 1);
  BOOST_TEST(d[0] == 1'774'738'800'000);  // 2026-03-29 00:00 CET = 2026-03-28T23:00Z
  BOOST_TEST(d[1] - d[0] == 23 * kHour);
}

BOOST_AUTO_TEST_CASE(the_repeated_hour_is_two_buckets) {
  // 2026-10-25T01:30Z is 02:30 CET, the second 02:00-03:00 of the night.
  const auto b = hourBoundaries(1'792'891'800'000, zone("Europe/Prague"), 2);
  BOOST_TEST(b[1] == 1'792'890'000'000);  // 01:00Z
  BOOST_TEST(b[0] == 1'792'886'400'000);  // 00:00Z, 02:00 CEST
  BOOST_TEST(b[2] == 1'792'893'600'000);
}

BOOST_AUTO_TEST_SUITE_END()
