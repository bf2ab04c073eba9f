#include "monitor/MonitorStatsFile.h"

#include "common/Clock.h"
#include "common/Json.h"

#include <Poco/Logger.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

namespace MultiFlexi {

namespace fs = std::filesystem;

namespace {
constexpr const char* kPrefix = "monitor-stats.";
constexpr std::size_t kMaxFileBytes = 1 << 20;
}  // namespace

void writeMonitorStats(const std::string& runDir, const std::string& daemon, const std::vector<MonitorStats>& stats) {
  OrderedJson doc = OrderedJson::object();
  doc["daemon"] = daemon;
  doc["pid"] = static_cast<int64_t>(::getpid());
  doc["updated"] = formatInstant(nowMs());
  OrderedJson list = OrderedJson::array();
  for (const MonitorStats& s : stats)
    list.push_back(OrderedJson{{"monitor", s.monitorId}, {"plugin", s.pluginId}, {"delivered", s.delivered},
                               {"dropped", s.dropped}, {"failed", s.failed}, {"queued", s.queued}});
  doc["monitors"] = std::move(list);
  std::error_code ec;
  fs::create_directories(runDir, ec);
  const fs::path file = fs::path(runDir) / (kPrefix + daemon + ".json");
  const fs::path temporary = fs::path(file).concat(".tmp");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << doc.dump() << '\n';
    if (!out) {
      Poco::Logger::get("multiflexi.monitor").warning("cannot write %s; plugin:list will not show the counts",
                                                      temporary.string());
      return;
    }
  }
  fs::rename(temporary, file, ec);
  if (ec) Poco::Logger::get("multiflexi.monitor").warning("cannot write %s: %s", file.string(), ec.message());
}

std::vector<MonitorStats> readMonitorStats(const std::string& runDir) {
  std::map<std::string, MonitorStats> sum;
  std::error_code ec;
  for (fs::directory_iterator it(runDir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(kPrefix, 0) != 0 || it->path().extension() != ".json") continue;
    if (!it->is_regular_file(ec) || it->file_size(ec) > kMaxFileBytes) continue;
    std::ifstream in(it->path());
    std::stringstream text;
    text << in.rdbuf();
    try {
      const OrderedJson doc = parseJson(text.str());
      std::vector<MonitorStats> entries;  // all of the file or nothing
      for (const auto& m : doc.at("monitors")) {
        auto count = [&m](const char* key) {
          const auto& v = m.at(key);
          if (!v.is_number_unsigned()) throw std::invalid_argument(key);
          return v.get<uint64_t>();
        };
        entries.push_back(MonitorStats{m.at("monitor").get<std::string>(), m.at("plugin").get<std::string>(),
                                       count("delivered"), count("dropped"), count("failed"),
                                       static_cast<std::size_t>(count("queued"))});
      }
      for (const MonitorStats& e : entries) {
        MonitorStats& s = sum[e.monitorId];
        s.monitorId = e.monitorId;
        s.pluginId = e.pluginId;
        s.delivered += e.delivered;
        s.dropped += e.dropped;
        s.failed += e.failed;
        s.queued += e.queued;
      }
    } catch (const std::exception&) {
      continue;  // a file being replaced, or not ours
    }
  }
  std::vector<MonitorStats> out;
  for (auto& [id, s] : sum) out.push_back(std::move(s));
  return out;
}

}  // namespace MultiFlexi
