#include "app/commands/CronNextCommand.h"

#include "app/CommandContext.h"
#include "app/Output.h"
#include "app/TextTable.h"
#include "common/Exceptions.h"
#include "domain/NextFire.h"

#include <date/tz.h>

#include <Poco/Environment.h>


namespace MultiFlexi {

namespace {

/// MULTIFLEXI_TIMEZONE, else the machine's zone, else UTC.
std::string serverZone() {
  const std::string configured = Poco::Environment::get("MULTIFLEXI_TIMEZONE", "");
  if (!configured.empty()) return configured;
  try {
    return std::string(date::current_zone()->name());
  } catch (const std::runtime_error&) {
    return "UTC";
  }
}

/// "now", an ISO-8601 instant with Z or an offset, or a local
/// "YYYY-MM-DDTHH:MM[:SS]" read in `zone` (the earlier one when repeated).
Instant parseFrom(const std::string& text, const date::time_zone& zone) {
  using namespace std::chrono;
  if (text == "now") return nowMs();
  std::optional<int> offset;
  const std::optional<LocalDateTime> t = parseDateTime(text, offset);
  if (!t)
    throw UsageException("--from: expected now, 2026-03-29T01:30:00Z, an offset (+01:00), or a local "
                         "2026-03-29T01:30, got '" + text + "'");
  if (offset) return instantOf(*t, *offset);
  const Instant asUtc = instantOf(*t, 0);  // the wall time, counted as if it were UTC
  const date::local_time<milliseconds> local{milliseconds(asUtc)};
  return zone.to_sys(local, date::choose::earliest).time_since_epoch().count();
}

}  // namespace

void CronNextCommand::defineOptions(Poco::Util::OptionSet& options) {
  addOption(options, "tz", "ZONE", "IANA time zone (default MULTIFLEXI_TIMEZONE, else the machine's).");
  addOption(options, "from", "INSTANT", "Start after this instant (default now).");
  addOption(options, "count", "N", "How many fire times (default 5, at most 1000).");
}

int CronNextCommand::run(CommandContext& context, const std::vector<std::string>& args) {
  if (args.size() != 1)
    throw UsageException("cron:next takes one expression, quoted: cron:next '30 2 * * *'");
  const CronExpression cron = CronExpression::parse(args.front());
  const std::string zoneName = value("tz").value_or(serverZone());
  const date::time_zone& zone = zoneNamed("--tz", zoneName);
  const int64_t count = integer("count").value_or(5);
  if (count < 1 || count > 1000) throw UsageException("--count: must be between 1 and 1000, got " + std::to_string(count));
  Instant from = parseFrom(value("from").value_or("now"), zone);

  OrderedJson list = OrderedJson::array();
  TextTable table({"UTC", "LOCAL (" + zoneName + ")"});
  for (int64_t i = 0; i < count; ++i) {
    const std::optional<Instant> next = nextFire(cron, zone, from);
    if (!next) {
      if (i == 0) throw ValidationException("cron: '" + cron.text() + "' never fires (checked five years ahead)");
      break;
    }
    const date::zoned_time<std::chrono::milliseconds> local{&zone, date::sys_time<std::chrono::milliseconds>{
                                                                       std::chrono::milliseconds(*next)}};
    const std::string localText = date::format("%F %T %Z", local);
    list.push_back({{"utc", formatInstant(*next)}, {"local", date::format("%FT%T%Ez", local)}, {"zone", zoneName}});
    table.addRow({formatInstant(*next), localText});
    from = *next;
  }
  if (context.json())
    printJson(context.out(), list);
  else
    table.print(context.out());
  return 0;
}

}  // namespace MultiFlexi
