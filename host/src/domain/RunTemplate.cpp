#include "domain/RunTemplate.h"

#include "common/Exceptions.h"
#include "domain/CronExpression.h"
#include "domain/Rules.h"

#include <multiflexi/mfx_rules.hpp>

namespace MultiFlexi {

namespace Interval {

char parse(const std::string& code) {
  static const std::string kCodes = "nihdwmyc";
  if (code.size() != 1 || kCodes.find(code[0]) == std::string::npos)
    throw ValidationException("interv", "unknown interval code '" + code +
                              "' (use n, i, h, d, w, m, y or c)");
  return code[0];
}

std::string name(char code) {
  switch (code) {
    case 'i': return "minutly";
    case 'h': return "hourly";
    case 'd': return "daily";
    case 'w': return "weekly";
    case 'm': return "monthly";
    case 'y': return "yearly";
    case 'c': return "custom";
    default: return "disabled";
  }
}

std::string cronOf(char code) {
  switch (code) {
    case 'i': return "* * * * *";
    case 'h': return "0 * * * *";
    case 'd': return "0 0 * * *";
    case 'w': return "0 0 * * 1";
    case 'm': return "0 0 1 * *";
    case 'y': return "0 0 1 1 *";
    default: return {};
  }
}

}  // namespace Interval

std::string misfireName(MisfirePolicy policy) {
  switch (policy) {
    case MisfirePolicy::Skip: return "skip";
    case MisfirePolicy::All: return "all";
    case MisfirePolicy::Latest: break;
  }
  return "latest";
}

MisfirePolicy parseMisfire(const std::string& text) {
  if (text == "latest") return MisfirePolicy::Latest;
  if (text == "skip") return MisfirePolicy::Skip;
  if (text == "all") return MisfirePolicy::All;
  throw ValidationException("misfire", "unknown policy '" + text + "' (use latest, skip or all)");
}

int checkedDelay(int64_t seconds) {
  if (seconds < 0 || seconds > 86400)
    throw ValidationException("delay", "must be between 0 and 86400 seconds, got " + std::to_string(seconds));
  return static_cast<int>(seconds);
}

void validateRunTemplate(const RunTemplate& t, const EnvNamePolicy& envNames) {
  Rules::requireText("name", t.name, 255);
  Interval::parse(std::string(1, t.interval));
  if (t.interval == 'c') {
    if (!t.cron || t.cron->empty())
      throw ValidationException("cron", "interval c (custom) needs a cron expression");
    CronExpression::parse(*t.cron);
  } else if (t.cron && !t.cron->empty()) {
    throw ValidationException("cron", "a cron expression needs --interv c (it is '" +
                              std::string(1, t.interval) + "')");
  }
  checkedDelay(t.delaySeconds);
  if (t.timeZone) Rules::requireTimeZone("timezone", *t.timeZone);
  if (auto reason = mfx::rules::checkComponentId(t.executor.c_str()))
    throw ValidationException("executor", *reason);
  if (t.ociimage && (t.ociimage->empty() || t.ociimage->find_first_of(" \t\r\n") != std::string::npos))
    throw ValidationException("ociimage", "an image reference without whitespace, got '" + *t.ociimage + "'");
  for (const auto& [key, value] : t.config) envNames.require("config", key);
}

}  // namespace MultiFlexi
