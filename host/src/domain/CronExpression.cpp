#include "domain/CronExpression.h"

#include "common/Exceptions.h"

#include <Poco/String.h>

#include <array>
#include <cctype>
#include <sstream>
#include <vector>

namespace MultiFlexi {

namespace {

struct FieldSpec {
  const char* name;
  int min;
  int max;
  const char* const* names;  // names[i] = value min + i, or nullptr
};

const char* const kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                   "jul", "aug", "sep", "oct", "nov", "dec"};
const char* const kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

const std::array<FieldSpec, 5> kFields = {{
    {"minute", 0, 59, nullptr},
    {"hour", 0, 23, nullptr},
    {"day-of-month", 1, 31, nullptr},
    {"month", 1, 12, kMonthNames},
    {"day-of-week", 0, 7, kDayNames},
}};

[[noreturn]] void fail(const FieldSpec& f, const std::string& what) {
  throw ValidationException("cron", std::string() + f.name + " field: " + what);
}

int number(const FieldSpec& f, const std::string& token) {
  if (token.empty()) fail(f, "empty value");
  if (f.names != nullptr && std::isalpha(static_cast<unsigned char>(token[0]))) {
    const std::string lower = Poco::toLower(token);
    const int count = f.max - f.min + (f.names == kDayNames ? 0 : 1);
    for (int i = 0; i < count; ++i)
      if (lower == f.names[i]) return f.min + i;
    fail(f, "unknown name '" + token + "'");
  }
  int value = 0;
  for (char c : token) {
    if (!std::isdigit(static_cast<unsigned char>(c))) fail(f, "'" + token + "' is not a number");
    value = value * 10 + (c - '0');
    if (value > 1000) break;
  }
  if (value < f.min || value > f.max)
    fail(f, token + " is out of range " + std::to_string(f.min) + "-" + std::to_string(f.max));
  return value;
}

/// Sets the bits of one field; returns true when it is restricted (not '*').
template <std::size_t N>
bool parseField(const FieldSpec& f, const std::string& text, std::bitset<N>& bits) {
  std::stringstream items(text);
  std::string item;
  bool any = false;
  while (std::getline(items, item, ',')) {
    any = true;
    int step = 1;
    const std::size_t slash = item.find('/');
    std::string range = item;
    if (slash != std::string::npos) {
      range = item.substr(0, slash);
      const std::string stepText = item.substr(slash + 1);
      const FieldSpec stepSpec{f.name, 1, f.max, nullptr};
      step = number(stepSpec, stepText);
    }
    int low;
    int high;
    if (range == "*") {
      low = f.min;
      high = f.max;
    } else if (const std::size_t dash = range.find('-'); dash != std::string::npos) {
      low = number(f, range.substr(0, dash));
      high = number(f, range.substr(dash + 1));
      if (low > high) fail(f, "range " + range + " runs backwards");
    } else {
      low = number(f, range);
      high = slash == std::string::npos ? low : f.max;  // Vixie: "N/S" means N-max/S
    }
    for (int v = low; v <= high; v += step) bits.set(static_cast<std::size_t>(v));
  }
  if (!any || text.back() == ',') fail(f, "empty list item in '" + text + "'");
  return text[0] != '*';
}

std::string expandMacro(const std::string& text) {
  static const std::pair<const char*, const char*> kMacros[] = {
      {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"},
      {"@weekly", "0 0 * * 0"}, {"@daily", "0 0 * * *"},    {"@midnight", "0 0 * * *"},
      {"@hourly", "0 * * * *"}};
  for (const auto& [macro, fields] : kMacros)
    if (text == macro) return fields;
  throw ValidationException("cron", "unknown macro '" + text +
                            "' (use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly)");
}

}  // namespace

CronExpression CronExpression::parse(const std::string& text) {
  CronExpression cron;
  cron._text = Poco::trim(text);
  const std::string fieldsText = !cron._text.empty() && cron._text[0] == '@' ? expandMacro(cron._text)
                                                                             : cron._text;
  std::vector<std::string> fields;
  std::stringstream in(fieldsText);
  for (std::string f; in >> f;) fields.push_back(f);
  if (fields.size() != 5)
    throw ValidationException("cron", "'" + text + "' has " + std::to_string(fields.size()) +
                              " fields, expected 5 (minute hour day-of-month month day-of-week)");
  parseField(kFields[0], fields[0], cron._minutes);
  parseField(kFields[1], fields[1], cron._hours);
  cron._domRestricted = parseField(kFields[2], fields[2], cron._daysOfMonth);
  parseField(kFields[3], fields[3], cron._months);
  std::bitset<8> dow;
  cron._dowRestricted = parseField(kFields[4], fields[4], dow);
  if (dow.test(7)) dow.set(0);  // 7 is Sunday too
  dow.reset(7);
  cron._daysOfWeek = dow;
  return cron;
}

bool CronExpression::day(int dayOfMonth, int dayOfWeek) const {
  const bool dom = _daysOfMonth.test(static_cast<std::size_t>(dayOfMonth));
  const bool dow = _daysOfWeek.test(static_cast<std::size_t>(dayOfWeek));
  if (_domRestricted && _dowRestricted) return dom || dow;
  return dom && dow;
}

}  // namespace MultiFlexi
