#include "api/CronRoutes.h"

#include "api/Access.h"
#include "api/ApiInput.h"
#include "common/Exceptions.h"
#include "domain/NextFire.h"

#include <date/tz.h>

namespace MultiFlexi {

namespace {
ApiResponse next(const std::string& defaultZone, const ApiRequest& request) {
  callerOf(request);
  const std::optional<std::string> text = queryText(request, "expression");
  if (!text || text->empty()) throw ValidationException("expression", "required (five cron fields: '30 2 * * *')");
  std::optional<CronExpression> cron;
  try {
    cron = CronExpression::parse(*text);
  } catch (const ValidationException& e) {
    throw ValidationException("expression", e.reason());
  }
  const std::string zoneName = queryText(request, "timezone").value_or(defaultZone);
  const date::time_zone& zone = zoneNamed("timezone", zoneName);
  const int64_t count = queryInteger(request, "count").value_or(5);
  if (count < 1 || count > kMaxCronFires)
    throw ValidationException("count", "must be between 1 and " + std::to_string(kMaxCronFires));
  const std::vector<Instant> fires = nextFires(*cron, zone, nowMs(), count);
  if (fires.empty())
    throw ValidationException("expression", "never fires (no date of the 400-year Gregorian calendar cycle matches it)");
  ApiResponse response;
  response.body = {{"expression", cron->text()}, {"timezone", zoneName}, {"next", OrderedJson::array()}};
  for (const Instant fire : fires) {
    const date::zoned_time<std::chrono::milliseconds> local{
        &zone, date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds(fire)}};
    response.body["next"].push_back({{"utc", formatInstant(fire)}, {"local", date::format("%FT%T%Ez", local)}});
  }
  return response;
}
}  // namespace

std::vector<ApiRoute> cronRoutes(std::string defaultZone) {
  return {
      {"GET", "/cron/next", true, true, "When a cron expression fires next (count at most 100, default 5)",
       [defaultZone](Catalog&, const ApiRequest& request) { return next(defaultZone, request); }},
  };
}

}  // namespace MultiFlexi
