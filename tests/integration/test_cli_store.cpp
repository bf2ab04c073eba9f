// The store commands as users run them: import, list, get, export, companies
// and run templates, errors naming the field, two processes at once.
#define BOOST_TEST_MODULE cli_store
#include <boost/test/unit_test.hpp>

#include "ChildProcess.h"
#include "Fixtures.h"
#include "TempDir.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <memory>

using MultiFlexi::Testing::ChildProcess;
using MultiFlexi::Testing::ProcessResult;
using MultiFlexi::Testing::TempDir;
using Json = nlohmann::json;

namespace {

const std::string kApps = MultiFlexi::Testing::appsDir();
const std::string kProbe = kApps + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json";
const std::string kSchema = MultiFlexi::Testing::applicationSchema();

struct CliFixture {
  TempDir data;

  /// A store already set up, so stderr holds only what a command says (the
  /// first command of a new store also warns that it created the key file).
  CliFixture() { BOOST_REQUIRE_EQUAL(cli({"company:list"}).exitCode, 0); }

  std::vector<std::string> withData(std::vector<std::string> args) const {
    args.insert(args.begin() + 1, {"--data-dir", data.path().string(), "-D", "multiflexi.appSchema=" + kSchema});
    return args;
  }
  ProcessResult cli(const std::vector<std::string>& args) const {
    return MultiFlexi::Testing::run(MFX_BINARY, withData(args));
  }
  /// Runs and requires success; returns parsed JSON output (with -f json).
  Json json(std::vector<std::string> args) const {
    args.push_back("-f");
    args.push_back("json");
    const ProcessResult r = cli(args);
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, args.front() << " failed: " << r.err);
    return Json::parse(r.out);
  }
  int64_t company(const std::string& slug) {
    return json({"company:create", "--name", "Company " + slug, "--slug", slug})["id"].get<int64_t>();
  }
  int64_t probe() { return json({"application:import-json", "--file", kProbe})[0]["id"].get<int64_t>(); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_store, CliFixture)

BOOST_AUTO_TEST_CASE(import_list_get_export_round_trip) {
  const ProcessResult run = cli({"application:import-json", "--file", kApps, "-f", "json"});
  BOOST_TEST(run.exitCode == 1);  // some files were refused: a script must notice
  const Json imported = Json::parse(run.out);
  std::size_t created = 0;
  std::size_t refused = 0;
  for (const auto& r : imported) (r["result"] == "refused" ? refused : created) += 1;
  BOOST_TEST(refused == 3u);
  BOOST_TEST(created >= 13u);

  const Json list = json({"application:list", "--limit", "5"});
  BOOST_TEST(list.size() == 5u);
  const Json page2 = json({"application:list", "--limit", "5", "--offset", "5"});
  BOOST_TEST(page2[0]["id"] != list[0]["id"]);

  const Json probe = json({"application:get", "--uuid", "775ed801-2489-4981-bc14-d8a01cba1938"});
  BOOST_TEST(probe["name"] == "MultiFlexi Probe");
  BOOST_TEST(probe["manifest"]["environment"].size() > 3u);

  const std::string exported = data.file("probe.multiflexi.app.json");
  BOOST_REQUIRE_EQUAL(cli({"application:export-json", "--id", std::to_string(probe["id"].get<int64_t>()), "--file",
                           exported}).exitCode, 0);
  BOOST_TEST(cli({"application:validate-json", "--file", exported}).exitCode == 0);
  const Json again = json({"application:import-json", "--file", exported});
  BOOST_TEST(again[0]["result"] == "updated");
  BOOST_TEST(again[0]["id"] == probe["id"]);
  BOOST_TEST(json({"application:get", "--id", std::to_string(probe["id"].get<int64_t>())})["manifest"] ==
             probe["manifest"]);
}

BOOST_AUTO_TEST_CASE(a_rejected_manifest_is_one_clear_line_and_exit_1) {
  const ProcessResult r = cli({"application:import-json", "--file",
                               kApps + "/VitexSoftware__abraflexi-reminder__abraflexi-reminder.multiflexi.app.json"});
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("not valid JSON: parse error at line 256, column 3") != std::string::npos);
  BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  BOOST_TEST(json({"application:list"}).empty());
}

BOOST_AUTO_TEST_CASE(companies_are_managed_by_multiflexis_command_names) {
  const int64_t id = company("acme");
  BOOST_TEST(json({"company:get", "--slug", "acme"})["id"] == id);
  const Json updated = json({"company:update", "--id", std::to_string(id), "--email", "ucetni@acme.cz", "--env",
                             "ABRAFLEXI_COMPANY=acme", "--enabled", "0"});
  BOOST_TEST(updated["email"] == "ucetni@acme.cz");
  BOOST_TEST(updated["environment"]["ABRAFLEXI_COMPANY"] == "acme");
  BOOST_TEST(updated["enabled"] == false);
  BOOST_TEST(json({"company:update", "--id", std::to_string(id), "--unset-env", "ABRAFLEXI_COMPANY"})["environment"]
                 .empty());
  const ProcessResult text = cli({"company:list"});
  BOOST_TEST(text.out.rfind("ID  SLUG", 0) == 0);
  BOOST_TEST(cli({"company:remove", "--id", std::to_string(id)}).exitCode == 0);
  BOOST_TEST(json({"company:list"}).empty());
}

BOOST_AUTO_TEST_CASE(run_templates_are_created_and_updated) {
  const int64_t c = company("acme");
  const int64_t a = probe();
  const Json t = json({"run-template:create", "--name", "Probe every weekday", "--app_id", std::to_string(a),
                       "--company", "acme", "--cron", "30 2 * * mon-fri", "--timezone", "Europe/Prague", "--config",
                       "PROBE_SLEEP=5", "--config", "RESULT_FILE=probe.json"});
  BOOST_TEST(t["interv"] == "c");
  BOOST_TEST(t["company_id"] == c);
  BOOST_TEST(t["config"]["PROBE_SLEEP"] == "5");
  BOOST_TEST(t["executor"] == "native");
  const std::string id = std::to_string(t["id"].get<int64_t>());
  const Json u = json({"run-template:update", "--id", id, "--interv", "d", "--active", "0", "--unset-config",
                       "PROBE_SLEEP"});
  BOOST_TEST(u["interv"] == "d");
  BOOST_TEST(u["cron"].is_null());
  BOOST_TEST(u["active"] == false);
  BOOST_TEST(u["config"].size() == 1u);
  BOOST_TEST(json({"run-template:list", "--company", "acme"}).size() == 1u);
  BOOST_TEST(json({"run-template:get", "--name", "Probe every weekday"})["id"] == t["id"]);
  // The application is in use: deleting it is refused, naming the template.
  const ProcessResult del = cli({"application:delete", "--id", std::to_string(a)});
  BOOST_TEST(del.exitCode == 1);
  BOOST_TEST(del.err.find("is used by 1 run template(s) (id " + id + ")") != std::string::npos);
  BOOST_TEST(cli({"run-template:delete", "--id", id}).exitCode == 0);
  BOOST_TEST(cli({"application:delete", "--id", std::to_string(a)}).exitCode == 0);
}

BOOST_AUTO_TEST_CASE(bad_values_are_refused_naming_the_field) {
  company("acme");
  const int64_t a = probe();
  const std::string app = std::to_string(a);
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"company:create", "--name", "Again", "--slug", "ACME"}, "--slug: 'ACME' is already taken"},
      {{"company:create", "--name", "X", "--slug", "x y"}, "--slug: 'x y' must match"},
      {{"company:create", "--name", "X", "--slug", "x", "--email", "nope"}, "--email: 'nope' is not an e-mail address"},
      {{"run-template:create", "--name", "t", "--app_id", app, "--company", "acme", "--interv", "q"},
       "--interv: unknown interval code 'q'"},
      {{"run-template:create", "--name", "t", "--app_id", app, "--company", "acme", "--cron", "0 25 * * *"},
       "--cron: hour field: 25 is out of range 0-23"},
      {{"run-template:create", "--name", "t", "--app_id", "999", "--company", "acme"},
       "--app_id: no application with id 999"},
      {{"run-template:create", "--name", "t", "--app_uuid", "nope", "--company", "acme"},
       "--app_uuid: no application with uuid nope"},
      {{"run-template:create", "--name", "t", "--app_id", app, "--company", "globex"},
       "--company: no company with slug 'globex'"},
      {{"run-template:create", "--name", "t", "--app_id", app, "--company", "acme", "--timezone", "Mars/Base"},
       "--timezone: unknown time zone 'Mars/Base'"},
      {{"run-template:create", "--name", "t", "--app_id", app, "--company", "acme", "--executor", "kubernetes"},
       "--executor: no executor 'kubernetes' is loaded"},
      {{"run-template:create", "--name", "t", "--app_id", app, "--company", "acme", "--delay", "-5"},
       "--delay: must be between 0 and 86400 seconds, got -5"},
      {{"run-template:create", "--name", "t", "--app_id", app, "--company", "acme", "--misfire", "never"},
       "--misfire: unknown policy 'never'"},
  };
  for (const auto& [args, expected] : cases) {
    BOOST_TEST_CONTEXT(args.front() << " " << expected) {
      const ProcessResult r = cli(args);
      BOOST_TEST(r.exitCode == 1);
      BOOST_TEST(r.err.find("multiflexi: " + expected) == 0, "stderr: " << r.err);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_database_that_cannot_be_written_is_an_error_not_an_internal_one) {
  // A manifest too big for the files the command may write: the file size
  // limit stands in for a full disk (SIGXFSZ ignored, so writes fail).
  Json manifest = Json::parse(std::ifstream(kProbe));
  manifest["description"] = std::string(400'000, 'x');
  const std::string file = data.file("big.multiflexi.app.json");
  std::ofstream(file) << manifest.dump();
  std::string command = "ulimit -f 200; trap '' XFSZ; exec '" + std::string(MFX_BINARY) + "'";
  for (const std::string& arg : withData({"application:import-json", "--file", file})) command += " '" + arg + "'";
  const ProcessResult r = MultiFlexi::Testing::run("/bin/sh", {"-c", command});
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("multiflexi: the database " + data.file("multiflexi.db") + " cannot be written: ") == 0u);
  BOOST_TEST(r.err.find("internal error") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(fifty_thousand_levels_of_json_are_refused_not_a_crash) {
  // MultiFlexi's probe with one unknown member nested 50,000 deep (crashed import and validation).
  std::string text = Json::parse(std::ifstream(kProbe)).dump();
  text.pop_back();
  text += ", \"x\": ";
  for (int i = 0; i < 50000; ++i) text += "[";
  for (int i = 0; i < 50000; ++i) text += "]";
  text += "}";
  const std::string file = (data.path() / "deep.app.json").string();
  std::ofstream(file) << text;
  for (const char* command : {"application:import-json", "application:validate-json", "credential-prototype:import-json",
                              "credential-prototype:validate-json"}) {
    BOOST_TEST_CONTEXT(command) {
      const ProcessResult r = cli({command, "--file", file});
      BOOST_TEST(r.exitCode == 1);  // not 139 (a stack overflow)
      BOOST_TEST(r.err.find(file + ": $.x[0][0]") != std::string::npos, "stderr: " << r.err);
      BOOST_TEST(r.err.find(": nesting deeper than 64 levels") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(environment_names_are_one_rule_at_every_entry) {
  // A manifest key with a NUL (MultiFlexi's schema lets it through).
  Json manifest = Json::parse(std::ifstream(kProbe));
  manifest["environment"][std::string("PATH\0junk", 9)] = {{"type", "string"}, {"description", "x"}};
  const std::string file = (data.path() / "nul.app.json").string();
  std::ofstream(file) << manifest.dump(2);
  const ProcessResult imported = cli({"application:import-json", "--file", file});
  BOOST_TEST(imported.exitCode == 1);
  BOOST_TEST(imported.err.find("$.environment: 'PATH\\x00junk' is not a variable name") != std::string::npos,
             "stderr: " << imported.err);
  BOOST_TEST(json({"application:list"}).empty());

  company("acme");
  const std::string app = std::to_string(probe());
  const std::string tpl = std::to_string(
      json({"run-template:create", "--name", "t", "--app_id", app, "--company", "acme"})["id"].get<int64_t>());
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"company:create", "--name", "X", "--slug", "x", "--env", "LD_PRELOAD=/tmp/evil.so"},
       "--env: 'LD_PRELOAD' changes how programs are loaded or how a shell or interpreter starts: refused unless "
       "MULTIFLEXI_ALLOWED_ENV names it"},
      {{"company:update", "--id", "1", "--env", "BAD-NAME=1"}, "--env: 'BAD-NAME' is not a variable name"},
      {{"company:update", "--id", "1", "--env", "\x1b[2J=1"}, "--env: '\\x1b[2J' is not a variable name"},
      {{"run-template:create", "--name", "u", "--app_id", app, "--company", "acme", "--config", "BASH_ENV=/tmp/rc"},
       "--config: 'BASH_ENV' changes"},
      {{"run-template:update", "--id", tpl, "--config", "1X=1"}, "--config: '1X' is not a variable name"},
      {{"run-template:schedule", "--id", tpl, "--env", "LD_AUDIT=/tmp/a.so"}, "--env: 'LD_AUDIT' changes"},
      {{"run-template:schedule", "--id", tpl, "--config", "A-B=1"}, "--config: 'A-B' is not a variable name"},
  };
  for (const auto& [args, expected] : cases) {
    BOOST_TEST_CONTEXT(args.front() << " " << expected) {
      const ProcessResult r = cli(args);
      BOOST_TEST(r.exitCode == 1);
      BOOST_TEST(r.err.find("multiflexi: " + expected) == 0, "stderr: " << r.err);
    }
  }
  BOOST_TEST(json({"job:list"}).empty());
  // The administrator allows one by name.
  const ProcessResult allowed = MultiFlexi::Testing::run(
      MFX_BINARY, withData({"company:update", "--id", "1", "--env", "LD_LIBRARY_PATH=/opt/lib", "-f", "json"}),
      {{"MULTIFLEXI_ALLOWED_ENV", "LD_LIBRARY_PATH, PS4"}});
  BOOST_TEST(allowed.exitCode == 0, "stderr: " << allowed.err);
  BOOST_TEST(Json::parse(allowed.out)["environment"]["LD_LIBRARY_PATH"] == "/opt/lib");
}

BOOST_AUTO_TEST_CASE(terminal_controls_in_names_are_shown_escaped) {
  BOOST_TEST(json({"company:create", "--name", "\x1b[2J\x1b]0;owned\x07" "Acme\xc2\x9b", "--slug", "acme"})["name"] ==
             "\x1b[2J\x1b]0;owned\x07" "Acme\xc2\x9b");  // stored as given
  const ProcessResult list = cli({"company:list"});
  BOOST_TEST(list.exitCode == 0);
  BOOST_TEST(list.out.find("\\x1b[2J\\x1b]0;owned\\x07" "Acme\\u009b") != std::string::npos, list.out);
  BOOST_TEST(list.out.find('\x1b') == std::string::npos);
  BOOST_TEST(cli({"company:get", "--slug", "acme"}).out.find('\x1b') == std::string::npos);
  const ProcessResult again = cli({"company:create", "--name", "x", "--slug", "\x1b[31mred"});
  BOOST_TEST(again.exitCode == 1);
  BOOST_TEST(again.err.find("--slug: '\\x1b[31mred' must match") != std::string::npos, again.err);
  BOOST_TEST(again.err.find('\x1b') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(read_only_commands_do_not_create_a_data_directory) {
  const std::string missing = (data.path() / "nowhere").string();
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"job:list"}, {"company:list"}, {"application:get", "--id", "1"},
                                             {"job:status"}, {"queue:list"}, {"artifact:list"},
                                             {"encryption:status"}, {"audit:list"}, {"credential:list"}}) {
    BOOST_TEST_CONTEXT(args.front()) {
      std::vector<std::string> full = args;
      full.insert(full.begin() + 1, {"--data-dir", missing});
      const ProcessResult r = MultiFlexi::Testing::run(MFX_BINARY, full);
      BOOST_TEST(r.exitCode == 1);
      BOOST_TEST(r.err.find("multiflexi: data directory " + missing + " does not exist") == 0, "stderr: " << r.err);
      BOOST_TEST(!std::filesystem::exists(missing));
    }
  }
  // A command that writes creates it, as before.
  const ProcessResult created = MultiFlexi::Testing::run(
      MFX_BINARY, {"company:create", "--data-dir", missing, "--name", "A", "--slug", "a"});
  BOOST_TEST(created.exitCode == 0, "stderr: " << created.err);
  BOOST_TEST(std::filesystem::exists(std::filesystem::path(missing) / "master.key"));
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_64) {
  const ProcessResult missing = cli({"company:create", "--name", "No slug"});
  BOOST_TEST(missing.exitCode == 64);
  BOOST_TEST(missing.err.find("--slug is required") != std::string::npos);
  const ProcessResult badNumber = cli({"company:get", "--id", "seven"});
  BOOST_TEST(badNumber.exitCode == 64);
  BOOST_TEST(badNumber.err.find("--id: expected a whole number, got 'seven'") != std::string::npos);
  const ProcessResult badFlag = cli({"company:create", "--name", "X", "--slug", "x", "--enabled", "maybe"});
  BOOST_TEST(badFlag.exitCode == 64);
  const ProcessResult notFound = cli({"company:get", "--id", "77"});
  BOOST_TEST(notFound.exitCode == 1);
  BOOST_TEST(notFound.err == "multiflexi: no company with id 77\n");
}

BOOST_AUTO_TEST_CASE(every_command_has_help) {
  for (const char* command :
       {"application:list", "application:get", "application:import-json", "application:validate-json",
        "application:export-json", "application:delete", "company:create", "company:list", "company:get",
        "company:update", "company:remove", "run-template:create", "run-template:list", "run-template:get",
        "run-template:update", "run-template:delete", "plugin:list", "executor:run"}) {
    BOOST_TEST_CONTEXT(command) {
      const ProcessResult r = MultiFlexi::Testing::run(MFX_BINARY, {command, "--help"});
      BOOST_TEST(r.exitCode == 0);
      BOOST_TEST(r.out.find(std::string("usage: multiflexi ") + command) == 0);
    }
  }
}

BOOST_AUTO_TEST_CASE(everything_survives_a_restart_of_the_process) {
  company("acme");
  probe();
  // Each command above was its own process; a new one sees all of it.
  BOOST_TEST(json({"company:list"}).size() == 1u);
  BOOST_TEST(json({"application:list"}).size() == 1u);
}

BOOST_AUTO_TEST_CASE(two_processes_writing_at_once_neither_fail_nor_corrupt) {
  // Two shells, each creating 30 companies with one multiflexi process per
  // company, while a third imports every manifest: all against one database.
  auto writer = [&](const std::string& prefix) {
    std::string script = "set -e; for i in $(seq 1 30); do \"$0\" company:create --data-dir \"$1\" "
                         "--name \"" + prefix + " $i\" --slug " + prefix + "$i -f json > /dev/null; done";
    return std::make_unique<ChildProcess>("/bin/sh", std::vector<std::string>{"-c", script, MFX_BINARY,
                                                                              data.path().string()});
  };
  auto a = writer("a");
  auto b = writer("b");
  const ProcessResult imports = cli({"application:import-json", "--file", kApps});
  const ProcessResult ra = a->wait();
  const ProcessResult rb = b->wait();
  BOOST_TEST(ra.exitCode == 0, ra.err);
  BOOST_TEST(rb.exitCode == 0, rb.err);
  BOOST_TEST(imports.err.find("locked") == std::string::npos, imports.err);
  BOOST_TEST(json({"company:list", "--limit", "1000"}).size() == 60u);
  BOOST_TEST(json({"application:list"}).size() >= 13u);
  const ProcessResult check = MultiFlexi::Testing::run(
      "/usr/bin/sqlite3", {(data.path() / "multiflexi.db").string(), "PRAGMA integrity_check"});
  BOOST_TEST(check.out == "ok\n");
}

BOOST_AUTO_TEST_CASE(a_new_data_directory_and_its_files_are_the_daemons_alone) {
  // Regression: they were created 0755/0644, so any local user read job output.
  const std::string fresh = data.path().string() + "/fresh";
  const ProcessResult r = MultiFlexi::Testing::run(
      MFX_BINARY, {"company:create", "--data-dir", fresh, "--name", "A", "--slug", "a"});
  BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
  const auto mode = [](const std::string& path) {
    return std::filesystem::status(path).permissions() & std::filesystem::perms::mask;
  };
  using std::filesystem::perms;
  BOOST_TEST((mode(fresh) == perms::owner_all));
  for (const char* file : {"/multiflexi.db", "/master.key"})
    BOOST_TEST_CONTEXT(file) { BOOST_TEST((mode(fresh + file) == (perms::owner_read | perms::owner_write))); }
  for (const auto& entry : std::filesystem::directory_iterator(fresh))
    BOOST_TEST_CONTEXT(entry.path()) { BOOST_TEST(((mode(entry.path()) & (perms::group_all | perms::others_all)) == perms::none)); }
}

BOOST_AUTO_TEST_SUITE_END()
