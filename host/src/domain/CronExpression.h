// A 5-field cron expression with Vixie cron's semantics: ranges, lists,
// steps, month and weekday names, and the @hourly/@daily/... macros.
#pragma once

#include <bitset>
#include <string>

namespace MultiFlexi {

class CronExpression {
 public:
  /// Parses `text`. Throws ValidationException "cron: <what is wrong>" naming
  /// the field and the value, e.g. "cron: hour field: 25 is out of range 0-23".
  static CronExpression parse(const std::string& text);

  /// The expression as given (macros kept).
  const std::string& text() const { return _text; }

  bool minute(int m) const { return _minutes.test(static_cast<std::size_t>(m)); }
  bool hour(int h) const { return _hours.test(static_cast<std::size_t>(h)); }
  bool month(int m) const { return _months.test(static_cast<std::size_t>(m)); }  ///< 1-12
  /// Vixie rule: when both day-of-month and day-of-week are restricted (not
  /// '*'), a day matches if either matches; otherwise both must.
  bool day(int dayOfMonth, int dayOfWeek) const;  ///< dayOfWeek 0 = Sunday

 private:
  std::string _text;
  std::bitset<60> _minutes;
  std::bitset<24> _hours;
  std::bitset<32> _daysOfMonth;  // 1-31
  std::bitset<13> _months;       // 1-12
  std::bitset<8> _daysOfWeek;    // 0-6 (7 folded onto 0)
  bool _domRestricted = false;
  bool _dowRestricted = false;
};

}  // namespace MultiFlexi
