// The counts daemons leave for plugin:list: written and read back, summed
// over daemons, and files that are not ours (malformed, huge) skipped.
#include <boost/test/unit_test.hpp>

#include "TempDir.h"
#include "monitor/MonitorStatsFile.h"

#include <fstream>

using namespace MultiFlexi;

BOOST_AUTO_TEST_SUITE(monitor_stats_file)

BOOST_AUTO_TEST_CASE(counts_are_read_back_and_summed_over_daemons) {
  MultiFlexi::Testing::TempDir dir;
  MonitorStats a{"zabbix", "org.multiflexi.zabbix", 10, 2, 1, 3};
  MonitorStats b{"otel", "org.multiflexi.otel", 5, 0, 0, 0};
  writeMonitorStats(dir.path().string(), "scheduler", {a});
  writeMonitorStats(dir.path().string(), "executor", {a, b});
  const auto read = readMonitorStats(dir.path().string());
  BOOST_REQUIRE_EQUAL(read.size(), 2u);
  BOOST_TEST(read[0].monitorId == "otel");
  BOOST_TEST(read[1].monitorId == "zabbix");
  BOOST_TEST(read[1].pluginId == "org.multiflexi.zabbix");
  BOOST_TEST(read[1].delivered == 20u);
  BOOST_TEST(read[1].dropped == 4u);
  BOOST_TEST(read[1].failed == 2u);
  BOOST_TEST(read[1].queued == 6u);
  // A daemon rewrites its own file.
  writeMonitorStats(dir.path().string(), "executor", {b});
  BOOST_TEST(readMonitorStats(dir.path().string())[1].delivered == 10u);
}

BOOST_AUTO_TEST_CASE(files_that_are_not_ours_are_skipped) {
  MultiFlexi::Testing::TempDir dir;
  writeMonitorStats(dir.path().string(), "up", {MonitorStats{"zabbix", "p", 1, 0, 0, 0}});
  std::ofstream(dir.file("monitor-stats.bad.json")) << "{\"monitors\": [{\"monitor\": 5}]}";
  std::ofstream(dir.file("monitor-stats.nul.json")) << std::string("{\0}", 3);
  std::ofstream(dir.file("monitor-stats.huge.json")) << std::string(2 << 20, '[');
  std::ofstream(dir.file("monitor-stats.neg.json"))
      << R"({"monitors":[{"monitor":"zabbix","plugin":"p","delivered":-1,"dropped":0,"failed":0,"queued":0}]})";
  const auto read = readMonitorStats(dir.path().string());
  BOOST_REQUIRE_EQUAL(read.size(), 1u);
  BOOST_TEST(read[0].delivered == 1u);
  BOOST_TEST(readMonitorStats(dir.file("missing")).empty());
}

BOOST_AUTO_TEST_SUITE_END()
