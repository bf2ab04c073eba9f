#include "cli/commands/CronNextCommand.h"

#include "cli/CommandContext.h"
#include "cli/InstantOption.h"
#include "cli/Output.h"
#include "cli/TextTable.h"
#include "common/Exceptions.h"
#include "domain/NextFire.h"

#include <date/tz.h>


namespace MultiFlexi {

void CronNextCommand::defineOptions(Poco::Util::OptionSet& options) {
  addOption(options, "tz", "ZONE", "IANA time zone (default MULTIFLEXI_TIMEZONE, else the machine's).");
  addOption(options, "from", "INSTANT", "Start after this instant (default now).");
  addOption(options, "count", "N", "How many fire times (default 5, at most 1000).");
}

namespace {

/// The expression is an argument, not an option: its errors read "cron: ...".
CronExpression parseExpression(const std::string& text) {
  try {
    return CronExpression::parse(text);
  } catch (const ValidationException& e) {
    throw ValidationException(e.message());
  }
}

}  // namespace

int CronNextCommand::run(CommandContext& context, const std::vector<std::string>& args) {
  if (args.size() != 1)
    throw UsageException("cron:next takes one expression, quoted: cron:next '30 2 * * *'");
  const CronExpression cron = parseExpression(args.front());
  const std::string zoneName = value("tz").value_or(context.settings().serverTimeZone());
  const date::time_zone& zone = zoneNamed("tz", zoneName);
  const int64_t count = integer("count").value_or(5);
  if (count < 1 || count > 1000) throw UsageException("--count: must be between 1 and 1000, got " + std::to_string(count));
  const Instant from = parseInstantOption("--from", value("from").value_or("now"), zone);

  OrderedJson list = OrderedJson::array();
  TextTable table({"UTC", "LOCAL (" + zoneName + ")"});
  const std::vector<Instant> fires = nextFires(cron, zone, from, count);
  if (fires.empty())
    throw ValidationException("cron: '" + cron.text() + "' never fires (no date of the 400-year Gregorian calendar cycle matches it)");
  for (const Instant next : fires) {
    const date::zoned_time<std::chrono::milliseconds> local{&zone, date::sys_time<std::chrono::milliseconds>{
                                                                       std::chrono::milliseconds(next)}};
    const std::string localText = date::format("%F %T %Z", local);
    list.push_back({{"utc", formatInstant(next)}, {"local", date::format("%FT%T%Ez", local)}, {"zone", zoneName}});
    table.addRow({formatInstant(next), localText});
  }
  if (context.json())
    printJson(context.out(), list);
  else
    table.print(context.out());
  return 0;
}

}  // namespace MultiFlexi
