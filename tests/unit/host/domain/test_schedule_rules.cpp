// Interval codes and cron expressions (Vixie semantics).
#define BOOST_TEST_MODULE domain
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "domain/CronExpression.h"
#include "domain/RunTemplate.h"

using namespace MultiFlexi;

namespace {
std::string errorOf(const std::string& expression) {
  try {
    CronExpression::parse(expression);
  } catch (const ValidationException& e) {
    return e.message();
  }
  return "(accepted)";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(schedule_rules)

BOOST_AUTO_TEST_CASE(interval_codes_keep_multiflexis_meaning) {
  for (const char* code : {"n", "i", "h", "d", "w", "m", "y", "c"}) BOOST_TEST(Interval::parse(code) == code[0]);
  BOOST_TEST(Interval::cronOf('i') == "* * * * *");
  BOOST_TEST(Interval::cronOf('h') == "0 * * * *");
  BOOST_TEST(Interval::cronOf('d') == "0 0 * * *");
  BOOST_TEST(Interval::cronOf('w') == "0 0 * * 1");
  BOOST_TEST(Interval::cronOf('m') == "0 0 1 * *");
  BOOST_TEST(Interval::cronOf('y') == "0 0 1 1 *");
  BOOST_TEST(Interval::cronOf('n').empty());
  BOOST_TEST(Interval::name('i') == "minutly");
  BOOST_CHECK_EXCEPTION(Interval::parse("x"), ValidationException, [](const ValidationException& e) {
    return e.message() == "interv: unknown interval code 'x' (use n, i, h, d, w, m, y or c)";
  });
  BOOST_CHECK_THROW(Interval::parse("dd"), ValidationException);
  BOOST_CHECK_THROW(Interval::parse(""), ValidationException);
}

BOOST_AUTO_TEST_CASE(cron_fields_ranges_lists_and_steps) {
  const auto c = CronExpression::parse("*/15 9-17 * * 1-5");
  BOOST_TEST(c.minute(0));
  BOOST_TEST(c.minute(45));
  BOOST_TEST(!c.minute(20));
  BOOST_TEST(c.hour(9));
  BOOST_TEST(c.hour(17));
  BOOST_TEST(!c.hour(18));
  BOOST_TEST(c.day(10, 1));   // Monday
  BOOST_TEST(!c.day(10, 0));  // Sunday
  const auto list = CronExpression::parse("5,10,50-52 0 1 1 *");
  BOOST_TEST(list.minute(5));
  BOOST_TEST(list.minute(51));
  BOOST_TEST(!list.minute(49));
  const auto stepFrom = CronExpression::parse("10/20 * * * *");  // Vixie: 10-59/20
  BOOST_TEST(stepFrom.minute(10));
  BOOST_TEST(stepFrom.minute(30));
  BOOST_TEST(stepFrom.minute(50));
  BOOST_TEST(!stepFrom.minute(0));
}

BOOST_AUTO_TEST_CASE(cron_names_and_sunday_as_seven) {
  const auto c = CronExpression::parse("0 0 * JAN-mar sun,Sat");
  BOOST_TEST(c.month(1));
  BOOST_TEST(c.month(3));
  BOOST_TEST(!c.month(4));
  BOOST_TEST(c.day(15, 0));
  BOOST_TEST(c.day(15, 6));
  BOOST_TEST(!c.day(15, 3));
  BOOST_TEST(CronExpression::parse("0 0 * * 7").day(3, 0));
}

BOOST_AUTO_TEST_CASE(cron_day_of_month_or_day_of_week_when_both_restricted) {
  const auto both = CronExpression::parse("0 0 13 * 5");  // the 13th, or any Friday
  BOOST_TEST(both.day(13, 2));
  BOOST_TEST(both.day(20, 5));
  BOOST_TEST(!both.day(20, 4));
  const auto domOnly = CronExpression::parse("0 0 13 * *");
  BOOST_TEST(domOnly.day(13, 2));
  BOOST_TEST(!domOnly.day(14, 5));
}

BOOST_AUTO_TEST_CASE(cron_macros) {
  BOOST_TEST(CronExpression::parse("@hourly").hour(7));
  BOOST_TEST(!CronExpression::parse("@hourly").minute(1));
  BOOST_TEST(!CronExpression::parse("@daily").hour(1));
  BOOST_TEST(CronExpression::parse("@weekly").day(9, 0));
  BOOST_TEST(!CronExpression::parse("@weekly").day(9, 1));
  BOOST_TEST(CronExpression::parse("@yearly").month(1));
  BOOST_TEST(!CronExpression::parse("@annually").month(2));
  BOOST_TEST(CronExpression::parse("@monthly").day(1, 3));
  BOOST_TEST(CronExpression::parse("@midnight").text() == "@midnight");
}

BOOST_AUTO_TEST_CASE(cron_errors_name_the_field_and_the_value) {
  BOOST_TEST(errorOf("0 25 * * *") == "cron: hour field: 25 is out of range 0-23");
  BOOST_TEST(errorOf("60 * * * *") == "cron: minute field: 60 is out of range 0-59");
  BOOST_TEST(errorOf("* * 0 * *") == "cron: day-of-month field: 0 is out of range 1-31");
  BOOST_TEST(errorOf("* * * foo *") == "cron: month field: unknown name 'foo'");
  BOOST_TEST(errorOf("* * * * 8") == "cron: day-of-week field: 8 is out of range 0-7");
  BOOST_TEST(errorOf("5-1 * * * *") == "cron: minute field: range 5-1 runs backwards");
  BOOST_TEST(errorOf("*/0 * * * *") == "cron: minute field: 0 is out of range 1-59");
  BOOST_TEST(errorOf("1,,2 * * * *") == "cron: minute field: empty value");
  BOOST_TEST(errorOf("* * * *").find("has 4 fields, expected 5") != std::string::npos);
  BOOST_TEST(errorOf("@reboot").find("unknown macro '@reboot'") != std::string::npos);
  BOOST_TEST(errorOf("a * * * *") == "cron: minute field: 'a' is not a number");
}

BOOST_AUTO_TEST_CASE(run_template_rules_name_the_option) {
  RunTemplate t;
  t.name = "Daily import";
  t.interval = 'd';
  BOOST_CHECK_NO_THROW(validateRunTemplate(t));
  auto messageOf = [](const RunTemplate& bad) {
    try {
      validateRunTemplate(bad);
    } catch (const ValidationException& e) {
      return e.message();
    }
    return std::string("(accepted)");
  };
  RunTemplate custom = t;
  custom.interval = 'c';
  BOOST_TEST(messageOf(custom) == "cron: interval c (custom) needs a cron expression");
  custom.cron = "0 25 * * *";
  BOOST_TEST(messageOf(custom) == "cron: hour field: 25 is out of range 0-23");
  custom.cron = "30 2 * * *";
  BOOST_TEST(messageOf(custom) == "(accepted)");
  RunTemplate cronWithDaily = t;
  cronWithDaily.cron = "* * * * *";
  BOOST_TEST(messageOf(cronWithDaily) == "cron: a cron expression needs --interv c (it is 'd')");
  RunTemplate delay = t;
  delay.delaySeconds = 90000;
  BOOST_TEST(messageOf(delay) == "delay: must be between 0 and 86400 seconds, got 90000");
  RunTemplate zone = t;
  zone.timeZone = "Europe/Atlantis";
  BOOST_TEST(messageOf(zone).find("timezone: unknown time zone 'Europe/Atlantis'") == 0);
  zone.timeZone = "Europe/Prague";
  BOOST_TEST(messageOf(zone) == "(accepted)");
  RunTemplate executor = t;
  executor.executor = "Bad Id";
  BOOST_TEST(messageOf(executor).find("executor: id 'Bad Id'") == 0);
  RunTemplate config = t;
  config.config["1BAD"] = "x";
  BOOST_TEST(messageOf(config).find("config: '1BAD' is not a variable name") == 0);
  RunTemplate unnamed = t;
  unnamed.name.clear();
  BOOST_TEST(messageOf(unnamed) == "name: must not be empty");
}

BOOST_AUTO_TEST_CASE(misfire_policies) {
  BOOST_TEST(misfireName(parseMisfire("skip")) == "skip");
  BOOST_TEST(misfireName(parseMisfire("all")) == "all");
  BOOST_TEST(misfireName(parseMisfire("latest")) == "latest");
  BOOST_CHECK_THROW(parseMisfire("sometimes"), ValidationException);
}

BOOST_AUTO_TEST_SUITE_END()
