// A run template: one application run for one company on a schedule, with
// its own configuration values.
#pragma once

#include "common/Clock.h"
#include "domain/EnvNames.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace MultiFlexi {

/// What to do with slots missed while nothing was running.
enum class MisfirePolicy {
  Latest,  ///< run the most recent missed slot once, then continue (MultiFlexi's behaviour)
  Skip,    ///< run none of them
  All,     ///< run every missed slot, up to a bound
};

struct RunTemplate {
  int64_t id = 0;
  std::string name;
  int64_t appId = 0;
  int64_t companyId = 0;
  char interval = 'n';  ///< n, i, h, d, w, m, y or c (cron)
  std::optional<std::string> cron;
  int delaySeconds = 0;  ///< added to each slot
  std::optional<std::string> timeZone;
  std::string executor = "native";
  /// Container image for this template's jobs, overriding the application's
  /// ociimage (container executors only).
  std::optional<std::string> ociimage;
  bool active = true;
  MisfirePolicy misfire = MisfirePolicy::Latest;
  bool allowOverlap = false;  ///< start a job while the previous one still runs
  std::map<std::string, std::string> config;  ///< configuration values (environment)
  std::set<std::string> secretConfig;         ///< names of config values stored sealed
  int64_t successCount = 0;
  int64_t failureCount = 0;
  std::optional<Instant> nextSchedule;
  std::optional<Instant> lastSchedule;
  std::optional<std::string> note;
  Instant createdAt = 0;
  Instant updatedAt = 0;
};

/// MultiFlexi's interval codes.
namespace Interval {
/// Throws ValidationException "--interv: ..." for anything but n i h d w m y c.
char parse(const std::string& code);
/// "disabled", "minutly" (sic, MultiFlexi's name), "hourly", ... "custom".
std::string name(char code);
/// The cron expression a code stands for; empty for n and c.
std::string cronOf(char code);
}  // namespace Interval

std::string misfireName(MisfirePolicy policy);
/// Throws ValidationException "--misfire: ..." for anything but latest, skip, all.
MisfirePolicy parseMisfire(const std::string& text);

/// The delay rule: `seconds` added to each slot, 0-86400. Throws
/// ValidationException "--delay: ..." outside that range.
int checkedDelay(int64_t seconds);

/// Throws ValidationException naming the field when the template breaks a
/// rule: name 1-255, interval c needs a valid cron and other codes take none,
/// delay 0-86400, a known time zone, an executor id, an image reference
/// without whitespace, config names accepted by `envNames` (domain/EnvNames.h).
void validateRunTemplate(const RunTemplate& runTemplate, const EnvNamePolicy& envNames = EnvNamePolicy());

}  // namespace MultiFlexi
