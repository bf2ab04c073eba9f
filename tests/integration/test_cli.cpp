// The multiflexi binary as users run it: plugin:list over the real plugins
// and the zoo, executor:run through the native plugin, exit codes, errors.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include "ChildProcess.h"

#include <multiflexi/mfx_plugin.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <signal.h>

#include <map>

using MultiFlexi::Testing::ChildProcess;
using MultiFlexi::Testing::ProcessResult;
using namespace std::chrono_literals;

namespace {

const std::string kBinary = MFX_BINARY;

ProcessResult multiflexi(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env = {}) {
  return MultiFlexi::Testing::run(kBinary, args, env);
}

Poco::JSON::Object::Ptr parse(const std::string& text) {
  Poco::JSON::Parser parser;
  return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

/// plugin:list -f json over the build's plugins, the zoo and the ABI plugins,
/// keyed by file name.
std::map<std::string, Poco::JSON::Object::Ptr> listAll() {
  const ProcessResult r =
      multiflexi({"plugin:list", "-f", "json", "--plugin-dir", MFX_PLUGIN_DIR, "--plugin-dir",
                  MFX_ZOO_DIR, "--plugin-dir", MFX_ABI_PLUGIN_DIR});
  BOOST_REQUIRE_EQUAL(r.exitCode, 0);
  std::map<std::string, Poco::JSON::Object::Ptr> byFile;
  Poco::JSON::Array::Ptr plugins = parse(r.out)->getArray("plugins");
  for (std::size_t i = 0; i < plugins->size(); ++i) {
    Poco::JSON::Object::Ptr p = plugins->getObject(static_cast<unsigned>(i));
    const std::string path = p->getValue<std::string>("file");
    byFile[path.substr(path.rfind('/') + 1)] = p;
  }
  return byFile;
}

}  // namespace

BOOST_AUTO_TEST_CASE(plugin_list_shows_good_plugins_loaded_and_every_zoo_plugin_refused) {
  auto plugins = listAll();
  for (const char* good : {"mfx_native.so", "mfx_env_printer.so", "mfx_frozen_v1_0.so",
                           "mfx_zoo_minor_newer.so"}) {
    BOOST_TEST_CONTEXT(good) {
      BOOST_REQUIRE(plugins.count(good));
      BOOST_TEST(plugins[good]->getValue<std::string>("status") == "loaded");
      BOOST_TEST(plugins[good]->getArray("components")->size() == 1u);
    }
  }
  BOOST_TEST(plugins["mfx_native.so"]->getValue<std::string>("plugin_id") == "org.multiflexi.native");
  BOOST_TEST(plugins["mfx_native.so"]->getValue<std::string>("abi") ==
             std::to_string(MFX_ABI_MAJOR) + "." + std::to_string(MFX_ABI_MINOR));  // the SDK it was built with
  BOOST_TEST(plugins["mfx_zoo_minor_newer.so"]->getArray("warnings")->size() == 1u);

  int refused = 0;
  for (const auto& [file, p] : plugins) {
    if (file.rfind("mfx_zoo_", 0) != 0 || file == "mfx_zoo_minor_newer.so") continue;
    BOOST_TEST_CONTEXT(file) {
      BOOST_TEST(p->getValue<std::string>("status") == "refused");
      BOOST_TEST(!p->getValue<std::string>("reason").empty());
    }
    ++refused;
  }
  BOOST_TEST(refused == 10);
}

BOOST_AUTO_TEST_CASE(plugin_list_text_is_an_aligned_table) {
  const ProcessResult r = multiflexi({"plugin:list", "--plugin-dir", MFX_PLUGIN_DIR});
  BOOST_REQUIRE_EQUAL(r.exitCode, 0);
  BOOST_TEST(r.out.rfind("FILE", 0) == 0);
  const std::size_t statusColumn = r.out.find("STATUS");
  const std::size_t line = r.out.find("mfx_native.so");
  BOOST_REQUIRE(line != std::string::npos);
  BOOST_TEST(r.out.substr(line + statusColumn, 6) == "loaded");
}

BOOST_AUTO_TEST_CASE(the_default_plugin_directory_is_found_next_to_the_binary) {
  const ProcessResult r = multiflexi({"plugin:list", "-f", "json"});
  BOOST_REQUIRE_EQUAL(r.exitCode, 0);
  BOOST_TEST(r.out.find("mfx_native.so") != std::string::npos);
  BOOST_TEST(r.out.find("mfx_env_printer.so") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(executor_run_streams_output_and_returns_the_jobs_exit_code) {
  const ProcessResult r = multiflexi({"executor:run", "--env", "PATH=/usr/bin:/bin", "--", "/bin/sh",
                                      "-c", "echo to-out; echo to-err >&2; exit 3"});
  BOOST_TEST(r.exitCode == 3);
  BOOST_TEST(r.out == "to-out\n");
  BOOST_TEST(r.err == "to-err\n");
}

BOOST_AUTO_TEST_CASE(a_job_never_sees_the_hosts_environment) {
  const ProcessResult r = multiflexi({"executor:run", "--env", "ONLY=this", "--", "/usr/bin/env"},
                                     {{"MFX_DAEMON_SECRET", "db-password"}});
  BOOST_TEST(r.exitCode == 0);
  BOOST_TEST(r.out == "ONLY=this\n");
}

BOOST_AUTO_TEST_CASE(executor_run_json_reports_the_outcome) {
  const ProcessResult r = multiflexi({"executor:run", "-f", "json", "--", "/bin/sh", "-c", "kill -TERM $$"});
  BOOST_TEST(r.exitCode == 128 + SIGTERM);
  auto doc = parse(r.out);
  BOOST_TEST(doc->getValue<std::string>("outcome") == "signaled");
  BOOST_TEST(doc->getValue<int>("signal") == SIGTERM);
  BOOST_TEST(doc->getValue<int>("pid") > 1);
}

BOOST_AUTO_TEST_CASE(a_timeout_exits_124_and_says_so) {
  const ProcessResult r = multiflexi({"executor:run", "--timeout", "0.3", "--", "/bin/sleep", "30"});
  BOOST_TEST(r.exitCode == 124);
  BOOST_TEST(r.err.find("job timed_out: timed out after 300 ms") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_missing_program_exits_127_naming_it) {
  const ProcessResult r = multiflexi({"executor:run", "--", "mfx-no-such-program"});
  BOOST_TEST(r.exitCode == 127);
  BOOST_TEST(r.err.find("launch_failed: program 'mfx-no-such-program' not found") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sigterm_to_the_cli_cancels_the_job) {
  ChildProcess cli(kBinary, {"executor:run", "--", "/bin/sh", "-c", "echo ready; exec sleep 60"});
  BOOST_REQUIRE(cli.waitForOutput("ready", 30s));
  cli.signal(SIGTERM);
  const ProcessResult r = cli.wait();
  BOOST_TEST(r.exitCode == 130);
  BOOST_TEST(r.err.find("job cancelled") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(plugin_configuration_via_define_reaches_the_plugin) {
  const ProcessResult r = multiflexi({"executor:run", "-D", "plugins.org.multiflexi.native.kill_grace_ms=x",
                                      "--", "/bin/true"});
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("no executor 'native' is loaded") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_64_with_one_clear_line) {
  const ProcessResult unknown = multiflexi({"no:such-command"});
  BOOST_TEST(unknown.exitCode == 64);
  BOOST_TEST(unknown.err == "multiflexi: unknown command 'no:such-command' (see 'multiflexi --help')\n");

  const ProcessResult format = multiflexi({"plugin:list", "-f", "yaml"});
  BOOST_TEST(format.exitCode == 64);
  BOOST_TEST(format.err == "multiflexi: --format: expected text or json, got 'yaml'\n");

  const ProcessResult option = multiflexi({"plugin:list", "--no-such-option"});
  BOOST_TEST(option.exitCode == 64);
  BOOST_TEST(option.err.find("no-such-option") != std::string::npos);

  const ProcessResult timeout = multiflexi({"executor:run", "--timeout", "-1", "--", "/bin/true"});
  BOOST_TEST(timeout.exitCode == 64);
  BOOST_TEST(timeout.err.find("--timeout: expected a positive number of seconds") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unknown_executor_exits_1_naming_the_available_ones) {
  const ProcessResult r = multiflexi({"executor:run", "--executor", "kubernetes", "--", "/bin/true"});
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("no executor 'kubernetes' is loaded (available: docker, env-printer, native, podman)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(help_lists_the_commands) {
  const ProcessResult r = multiflexi({"--help"});
  BOOST_TEST(r.exitCode == 0);
  BOOST_TEST(r.out.find("plugin:list") != std::string::npos);
  BOOST_TEST(r.out.find("executor:run") != std::string::npos);
  const ProcessResult cmd = multiflexi({"executor:run", "--help"});
  BOOST_TEST(cmd.exitCode == 0);
  BOOST_TEST(cmd.out.find("--timeout=SECONDS") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(cron_next_prints_fire_times_across_dst) {
  const ProcessResult r = multiflexi({"cron:next", "0 2 * * *", "--tz", "Europe/Prague", "--from",
                                      "2026-03-28T12:00:00Z", "--count", "2", "-f", "json"});
  BOOST_REQUIRE_EQUAL(r.exitCode, 0);
  Poco::JSON::Parser parser;
  auto list = parser.parse(r.out).extract<Poco::JSON::Array::Ptr>();
  BOOST_REQUIRE_EQUAL(list->size(), 2u);
  BOOST_TEST(list->getObject(0)->getValue<std::string>("utc") == "2026-03-29T01:00:00.000Z");
  BOOST_TEST(list->getObject(0)->getValue<std::string>("local") == "2026-03-29T03:00:00.000+02:00");
  BOOST_TEST(list->getObject(1)->getValue<std::string>("utc") == "2026-03-30T00:00:00.000Z");

  const ProcessResult text = multiflexi({"cron:next", "@daily", "--tz", "UTC", "--from", "2026-11-23T10:00Z"});
  BOOST_TEST(text.exitCode == 0);
  BOOST_TEST(text.out.find("2026-11-24T00:00:00.000Z") != std::string::npos);

  const ProcessResult bad = multiflexi({"cron:next", "0 25 * * *"});
  BOOST_TEST(bad.exitCode == 1);
  BOOST_TEST(bad.err == "multiflexi: cron: hour field: 25 is out of range 0-23\n");
  const ProcessResult never = multiflexi({"cron:next", "0 0 30 2 *", "--tz", "UTC"});
  BOOST_TEST(never.exitCode == 1);
  BOOST_TEST(never.err.find("never fires") != std::string::npos);
  // Not five years but a Gregorian cycle: 2100 has no 29 February, 2104 has.
  const ProcessResult leap = multiflexi({"cron:next", "0 0 29 2 *", "--tz", "UTC", "--from", "2096-03-01T00:00:00Z",
                                         "--count", "1", "-f", "json"});
  BOOST_TEST(leap.exitCode == 0);
  BOOST_TEST(leap.out.find("2104-02-29T00:00:00.000Z") != std::string::npos);
  const ProcessResult from = multiflexi({"cron:next", "* * * * *", "--from", "tomorrow"});
  BOOST_TEST(from.exitCode == 64);
  BOOST_TEST(from.err.find("--from: expected now") != std::string::npos);
}
