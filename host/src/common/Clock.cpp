#include "common/Clock.h"

#include <date/date.h>

namespace MultiFlexi {

std::string formatInstant(Instant ms) {
  const date::sys_time<std::chrono::milliseconds> t{std::chrono::milliseconds(ms)};
  return date::format("%FT%TZ", t);
}

namespace {

/// Reads exactly `digits` decimal digits at `pos`.
std::optional<int> digitsAt(const std::string& s, std::size_t& pos, std::size_t digits) {
  if (pos + digits > s.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += digits;
  return value;
}

bool expect(const std::string& s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<LocalDateTime> parseDateTime(const std::string& s, std::optional<int>& offsetMinutes) {
  std::size_t pos = 0;
  LocalDateTime t{0, 0, 0, 0, 0, 0, 0};
  auto y = digitsAt(s, pos, 4);
  if (!y || !expect(s, pos, '-')) return std::nullopt;
  auto mo = digitsAt(s, pos, 2);
  if (!mo || !expect(s, pos, '-')) return std::nullopt;
  auto d = digitsAt(s, pos, 2);
  if (!d || pos >= s.size() || (s[pos] != 'T' && s[pos] != ' ')) return std::nullopt;
  ++pos;
  auto h = digitsAt(s, pos, 2);
  if (!h || !expect(s, pos, ':')) return std::nullopt;
  auto mi = digitsAt(s, pos, 2);
  if (!mi) return std::nullopt;
  t = LocalDateTime{*y, *mo, *d, *h, *mi, 0, 0};
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    auto sec = digitsAt(s, pos, 2);
    if (!sec) return std::nullopt;
    t.second = *sec;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      auto ms = digitsAt(s, pos, 3);
      if (!ms) return std::nullopt;
      t.millisecond = *ms;
    }
  }
  offsetMinutes.reset();
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
    offsetMinutes = 0;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    auto oh = digitsAt(s, pos, 2);
    if (!oh || !expect(s, pos, ':')) return std::nullopt;
    auto om = digitsAt(s, pos, 2);
    if (!om || *oh > 18 || *om > 59) return std::nullopt;
    offsetMinutes = sign * (*oh * 60 + *om);
  }
  if (pos != s.size()) return std::nullopt;
  const date::year_month_day ymd{date::year{t.year}, date::month{static_cast<unsigned>(t.month)},
                                 date::day{static_cast<unsigned>(t.day)}};
  if (!ymd.ok() || t.hour > 23 || t.minute > 59 || t.second > 59) return std::nullopt;
  return t;
}

Instant instantOf(const LocalDateTime& t, int offsetMinutes) {
  using namespace std::chrono;
  const date::sys_days day{date::year{t.year} / t.month / t.day};
  const auto time = hours(t.hour) + minutes(t.minute) + seconds(t.second) + milliseconds(t.millisecond);
  return duration_cast<milliseconds>(day.time_since_epoch() + time - minutes(offsetMinutes)).count();
}

}  // namespace MultiFlexi
