#include "cli/commands/PluginListCommand.h"

#include "cli/CommandContext.h"
#include "cli/TextTable.h"
#include "common/Exceptions.h"
#include "monitor/MonitorStatsFile.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Path.h>

#include <map>
#include <ostream>

namespace MultiFlexi {

namespace {

std::string abiText(const PluginRecord& r) {
  return r.abiMajor < 0 ? "-" : std::to_string(r.abiMajor) + "." + std::to_string(r.abiMinor);
}

std::string orDash(const std::string& s) { return s.empty() ? "-" : s; }

using MonitorCounts = std::map<std::string, MonitorStats>;

/// The counts the daemons left for monitor `id` (zero when none ran it).
MonitorStats countsOf(const MonitorCounts& counts, const std::string& id) {
  auto it = counts.find(id);
  return it == counts.end() ? MonitorStats{} : it->second;
}

void printJson(const std::vector<PluginRecord>& records, const std::vector<std::string>& dirs,
               const MonitorCounts& counts, std::ostream& out) {
  Poco::JSON::Array plugins;
  for (const auto& r : records) {
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("file", r.path);
    item.set("status", r.loaded() ? "loaded" : "refused");
    item.set("plugin_id", r.pluginId);
    item.set("version", r.pluginVersion);
    item.set("abi", r.abiMajor < 0 ? std::string() : abiText(r));
    item.set("reason", r.reason);
    Poco::JSON::Array components;
    for (const auto& c : r.components) {
      Poco::JSON::Object component(Poco::JSON_PRESERVE_KEY_ORDER);
      component.set("kind", c.kind);
      component.set("id", c.id);
      component.set("name", c.displayName);
      component.set("description", c.description);
      if (c.kind == "monitor") {
        const MonitorStats s = countsOf(counts, c.id);
        component.set("delivered", s.delivered);
        component.set("dropped", s.dropped);
        component.set("failed", s.failed);
        component.set("queued", static_cast<uint64_t>(s.queued));
      }
      components.add(component);
    }
    item.set("components", components);
    Poco::JSON::Array warnings;
    for (const auto& w : r.warnings) warnings.add(w);
    item.set("warnings", warnings);
    plugins.add(item);
  }
  Poco::JSON::Array directories;
  for (const auto& d : dirs) directories.add(d);
  Poco::JSON::Object doc(Poco::JSON_PRESERVE_KEY_ORDER);
  doc.set("plugin_dirs", directories);
  doc.set("plugins", plugins);
  doc.stringify(out, 2);
  out << '\n';
}

void printText(const std::vector<PluginRecord>& records, const MonitorCounts& counts, std::ostream& out) {
  TextTable table({"FILE", "STATUS", "PLUGIN", "VERSION", "ABI", "COMPONENTS / REASON"});
  for (const auto& r : records) {
    std::string detail;
    if (r.loaded()) {
      for (const auto& c : r.components) {
        detail += (detail.empty() ? "" : ", ") + c.kind + ":" + c.id;
        if (c.kind != "monitor") continue;
        const MonitorStats s = countsOf(counts, c.id);
        detail += " (delivered " + std::to_string(s.delivered) + ", dropped " + std::to_string(s.dropped) +
                  ", failed " + std::to_string(s.failed) + ")";
      }
      for (const auto& w : r.warnings) detail += " (warning: " + w + ")";
    } else {
      detail = r.reason;
    }
    table.addRow({Poco::Path(r.path).getFileName(), r.loaded() ? "loaded" : "refused",
                  orDash(r.pluginId), orDash(r.pluginVersion), abiText(r), detail});
  }
  table.print(out);
}

}  // namespace

int PluginListCommand::run(CommandContext& context, const std::vector<std::string>& args) {
  requireNoArguments(args);
  const auto& records = context.plugins().records();
  // What the daemons of this data directory delivered (monitor/MonitorStatsFile.h).
  MonitorCounts counts;
  for (MonitorStats& s : readMonitorStats(context.settings().runDirectory())) counts[s.monitorId] = std::move(s);
  if (context.format() == OutputFormat::Json)
    printJson(records, context.pluginDirs(), counts, context.out());
  else
    printText(records, counts, context.out());
  return 0;
}

}  // namespace MultiFlexi
