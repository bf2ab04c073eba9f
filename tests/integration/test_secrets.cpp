// Secrets through the real binary: a canary written through every path is
// absent from the database file and its WAL, from logs and from job output;
// the host refuses to start without its key or with another one; rotation
// runs while jobs run, and resumes after being killed midway.
#define BOOST_TEST_MODULE secrets
#include <boost/test/unit_test.hpp>

#include "ChildProcess.h"
#include "Fixtures.h"
#include "TempDir.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <signal.h>

using namespace MultiFlexi::Testing;
using namespace std::chrono_literals;
using Json = nlohmann::json;

namespace {

// Values no command ever prints in clear; each names the path it took.
const std::string kCreated = "CANARY-created-7f3a9c";
const std::string kUpdated = "CANARY-updated-1b2c3d";
const std::string kImported = "CANARY-imported-9e8d7c";
const std::string kTemplate = "CANARY-template-5a4b3c";
const std::string kOverride = "CANARY-override-2e1f0a";

struct SecretsFixture {
  TempDir data;
  std::map<std::string, std::string> env{{"MULTIFLEXI_CYCLE_PAUSE", "60"},
                                         {"MULTIFLEXI_APP_SCHEMA", applicationSchema()},
                                         {"MULTIFLEXI_LISTEN", "off"}};  // `up` serves no API here
  std::string log;  // every stderr, as an operator would collect it

  std::vector<std::string> withData(std::vector<std::string> args) const {
    args.insert(args.begin() + 1, {"--data-dir", data.path().string(), "-v"});
    return args;
  }
  ProcessResult cli(const std::vector<std::string>& args) {
    ProcessResult r = run(MFX_BINARY, withData(args), env);
    log += r.err;
    return r;
  }
  Json json(std::vector<std::string> args) {
    args.insert(args.end(), {"-f", "json"});
    const ProcessResult r = cli(args);
    BOOST_REQUIRE_MESSAGE(r.exitCode == 0, args.front() << " failed: " << r.err);
    return Json::parse(r.out);
  }
  std::string id(const Json& j) { return std::to_string(j["id"].get<int64_t>()); }

  /// An application requiring "Vault" that checks its variables by md5 and
  /// echoes them (the output must come back masked), a company, a template.
  std::string app(const std::string& script, const Json& artifacts = nullptr) {
    Json manifest = Json::parse(std::ifstream(fixture("multiflexi/apps/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json")));
    manifest["name"] = "secret user " + std::to_string(++_apps);
    manifest["uuid"] = "5e1c0d2a-7b3c-4d5e-9f00-00000000000" + std::to_string(_apps);
    manifest["executable"] = "/bin/sh";
    manifest["cmdparams"] = "-c '" + script + "'";
    manifest["requirements"] = {"Vault"};
    manifest["environment"]["TPL_PASSWORD"] = {{"type", "password"}, {"description", "x"}};
    if (!artifacts.is_null()) manifest["artifacts"] = artifacts;
    const std::string file = data.file("app" + std::to_string(_apps) + ".json");
    std::ofstream(file) << manifest.dump();
    return id(json({"application:import-json", "--file", file})[0]);
  }
  std::string vaultPrototype() {
    const std::string file = data.file("vault.credprototype.json");
    Json fields = Json::array();
    for (int i = 1; i <= 20; ++i) {
      char keyword[32];
      std::snprintf(keyword, sizeof keyword, "VAULT_SECRET_%02d", i);
      fields.push_back({{"keyword", keyword}, {"type", "password"}});
    }
    fields.push_back({{"keyword", "VAULT_URL"}, {"type", "url"}});
    std::ofstream(file) << Json{{"uuid", "0b5e6f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b"}, {"code", "Vault"}, {"name", "Vault"},
                                {"version", "1.0"}, {"fields", fields}}
                               .dump();
    json({"credential-prototype:import-json", "--file", file});
    return id(json({"credential-prototype:get", "--code", "vault"}));
  }
  std::string md5(const std::string& value) {
    const std::string file = data.file("md5-input");
    std::ofstream(file, std::ios::trunc) << value;
    return run("/bin/sh", {"-c", "md5sum < '" + file + "' | cut -c1-12"}).out.substr(0, 12);
  }
  std::string storeBytes() const {
    std::string all;
    for (const char* suffix : {"", "-wal", "-journal"}) {
      std::ifstream in(data.file("multiflexi.db") + suffix, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      all += bytes.str();
    }
    return all;
  }

 private:
  int _apps = 0;
};

bool eventually(const std::function<bool()>& predicate, std::chrono::milliseconds limit = 20s) {
  for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;) {
    if (predicate()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(secrets, SecretsFixture)

BOOST_AUTO_TEST_CASE(a_canary_written_through_every_path_is_nowhere_in_clear) {
  const std::string appId = app(
      "for v in \"$VAULT_SECRET_01\" \"$VAULT_SECRET_02\" \"$VAULT_SECRET_03\" \"$TPL_PASSWORD\" \"$EXTRA_TOKEN\"; do "
      "printf %s \"$v\" | md5sum | cut -c1-12; done; echo out $VAULT_SECRET_01 $TPL_PASSWORD; "
      "echo err $VAULT_SECRET_02 $VAULT_SECRET_03 >&2");
  vaultPrototype();
  json({"company:create", "--name", "Acme", "--slug", "acme"});
  const std::string type = id(json({"credential-type:create", "--company_id", "1", "--name", "vault", "--prototype", "Vault"}));
  // create (option), update (option), import (env file)
  const Json created = json({"credential:create", "--credential_type_id", type, "--name", "main", "--field",
                             "VAULT_SECRET_01=" + kCreated, "--field", "VAULT_SECRET_02=placeholder-0000"});
  BOOST_TEST(created["values"]["VAULT_SECRET_01"] == "••••••••");
  json({"credential:update", "--id", id(created), "--field", "VAULT_SECRET_02=" + kUpdated});
  const std::string envFile = data.file("import.env");
  std::ofstream(envFile) << "VAULT_SECRET_03='" << kImported << "'\n";
  json({"credential:update", "--id", id(created), "--from-env", envFile});
  std::filesystem::remove(envFile);
  const std::string tpl = id(json({"run-template:create", "--name", "t", "--app_id", appId, "--company", "acme",
                                   "--interv", "n", "--config", "TPL_PASSWORD=" + kTemplate}));
  BOOST_TEST(json({"run-template:get", "--id", tpl})["config"]["TPL_PASSWORD"] == "••••••••");
  json({"run-template:assign-credential", "--id", tpl, "--credential_id", id(created)});
  // job environment
  const int64_t job =
      json({"run-template:schedule", "--id", tpl, "--env", "EXTRA_TOKEN=" + kOverride})["job_id"].get<int64_t>();
  auto once = env;
  once["MULTIFLEXI_DAEMONIZE"] = "false";
  const ProcessResult executor = run(MFX_BINARY, withData({"executor", "-v", "-v"}), once);
  log += executor.err;
  BOOST_REQUIRE_EQUAL(executor.exitCode, 0);
  const Json done = json({"job:get", "--id", std::to_string(job)});
  BOOST_TEST(done["status"] == "success", done.dump());
  std::string out, err;
  for (const auto& chunk : done["output"]) (chunk["stream"] == "stderr" ? err : out) += chunk["text"].get<std::string>();
  for (const std::string& canary : {kCreated, kUpdated, kImported, kTemplate, kOverride})
    BOOST_TEST(out.find(md5(canary)) != std::string::npos, "the job did not get " << canary << ":\n" << out);
  BOOST_TEST(out.find("out •••••••• ••••••••") != std::string::npos, out);
  BOOST_TEST(err.find("err •••••••• ••••••••") != std::string::npos, err);

  const std::string store = storeBytes();
  BOOST_TEST(store.find("mf:v1:1:") != std::string::npos);
  for (const std::string& canary : {kCreated, kUpdated, kImported, kTemplate, kOverride}) {
    BOOST_TEST(store.find(canary) == std::string::npos, canary << " is in the database file or its WAL");
    BOOST_TEST(log.find(canary) == std::string::npos, canary << " is in the logs");
    BOOST_TEST(out.find(canary) == std::string::npos);
    BOOST_TEST(err.find(canary) == std::string::npos);
    BOOST_TEST(done.dump().find(canary) == std::string::npos);
  }

  // --reveal shows them, and leaves a trace in the audit log first.
  const Json revealed = json({"credential:get", "--id", id(created), "--reveal"});
  BOOST_TEST(revealed["values"]["VAULT_SECRET_03"] == kImported);
  const Json audit = json({"audit:list"});
  BOOST_REQUIRE(!audit.empty());
  BOOST_TEST(audit[0]["action"] == "credential.reveal");
  BOOST_TEST(audit[0]["subject"] == "credential " + id(created));
  BOOST_TEST(audit.dump().find(kImported) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(artifacts_are_sealed_at_rest_and_text_ones_masked) {
  // The job makes its canary with tr, so the manifest stored in the
  // database holds only the upper-case spelling.
  const std::string canary = "artifact-canary-6b5a4f";
  const std::string appId = app(
      "printf \"%s %s\" $(echo ARTIFACT-CANARY-6B5A4F | tr A-Z a-z) \"$TPL_PASSWORD\" > $RESULT_FILE; "
      "printf %s \"$TPL_PASSWORD\" > dump.bin",
      Json::array({{{"name", "dump.bin"}, {"path", "^dump\\.bin$"}, {"type", "file"}}}));
  json({"company:create", "--name", "Acme", "--slug", "acme"});
  const std::string tpl = id(json({"run-template:create", "--name", "t", "--app_id", appId, "--company", "acme",
                                   "--interv", "n", "--config", "TPL_PASSWORD=" + kTemplate}));
  const int64_t job = json({"run-template:schedule", "--id", tpl, "--env", "RESULT_FILE=result.txt"})["job_id"].get<int64_t>();
  auto once = env;
  once["MULTIFLEXI_DAEMONIZE"] = "false";
  const ProcessResult executor = run(MFX_BINARY, withData({"executor"}), once);
  log += executor.err;
  BOOST_REQUIRE_EQUAL(executor.exitCode, 0);
  BOOST_TEST(json({"job:get", "--id", std::to_string(job)})["status"] == "success");
  const Json artifacts = json({"artifact:list", "--job_id", std::to_string(job)});
  std::map<std::string, std::string> ids;
  for (const auto& a : artifacts) ids[a["filename"].get<std::string>()] = id(a);
  BOOST_REQUIRE(ids.count("result.txt") && ids.count("dump.bin"));

  // artifact:get opens it; the text artifact has the secret masked.
  const Json text = json({"artifact:get", "--id", ids["result.txt"]});
  BOOST_TEST(text["content"] == canary + " ••••••••", text.dump());
  // A binary artifact is sealed but not masked: saved, it holds the secret.
  const std::string saved = data.file("dump.out");
  json({"artifact:save", "--id", ids["dump.bin"], "--file", saved});
  std::ostringstream bytes;
  bytes << std::ifstream(saved, std::ios::binary).rdbuf();
  BOOST_TEST(bytes.str() == kTemplate);
  std::filesystem::remove(saved);

  const std::string store = storeBytes();
  BOOST_TEST(store.find(canary) == std::string::npos, "the artifact is in the database file or its WAL");
  BOOST_TEST(store.find(kTemplate) == std::string::npos, "the binary artifact is in the database file or its WAL");
  BOOST_TEST(json({"encryption:status"})["versions"][0]["sealed"]["job_artifact"] == 2);
}

BOOST_AUTO_TEST_CASE(the_host_refuses_to_start_without_its_key_or_with_another_one) {
  vaultPrototype();
  json({"company:create", "--name", "Acme", "--slug", "acme"});
  json({"credential-type:create", "--company_id", "1", "--name", "v", "--prototype", "Vault"});
  BOOST_TEST(log.find("created the master key file " + data.file("master.key")) != std::string::npos, log);
  json({"credential:create", "--credential_type_id", "1", "--name", "c", "--field", "VAULT_SECRET_01=" + kCreated});
  std::filesystem::rename(data.file("master.key"), data.file("backup.key"));
  auto once = env;
  once["MULTIFLEXI_DAEMONIZE"] = "false";
  const ProcessResult missing = run(MFX_BINARY, withData({"executor"}), once);
  BOOST_TEST(missing.exitCode != 0);
  BOOST_TEST(missing.err.find("the key file " + data.file("master.key") + " is missing") != std::string::npos, missing.err);

  const std::string other = data.file("other-data");
  // A command that writes makes another store and key (a read-only one refuses a missing directory).
  BOOST_REQUIRE_EQUAL(
      run(MFX_BINARY, {"company:create", "--data-dir", other, "--name", "Other", "--slug", "other"}, env).exitCode, 0);
  std::filesystem::copy_file(other + "/master.key", data.file("master.key"));
  const ProcessResult wrong = run(MFX_BINARY, withData({"up"}), env);
  BOOST_TEST(wrong.exitCode != 0);
  BOOST_TEST(wrong.err.find("does not hold the key this database") != std::string::npos, wrong.err);

  std::filesystem::remove(data.file("master.key"));
  std::filesystem::rename(data.file("backup.key"), data.file("master.key"));
  BOOST_TEST(json({"credential:get", "--id", "1", "--reveal"})["values"]["VAULT_SECRET_01"] == kCreated);
}

BOOST_AUTO_TEST_CASE(rotation_killed_midway_resumes_and_reports_what_it_did) {
  vaultPrototype();
  json({"company:create", "--name", "Acme", "--slug", "acme"});
  json({"credential-type:create", "--company_id", "1", "--name", "v", "--prototype", "Vault"});
  const std::string file = data.file("values.env");
  for (int c = 1; c <= 15; ++c) {
    std::ofstream values(file, std::ios::trunc);
    for (int i = 1; i <= 20; ++i) values << "VAULT_SECRET_" << (i < 10 ? "0" : "") << i << "=value-" << c << "-" << i << "\n";
    values.close();
    json({"credential:create", "--credential_type_id", "1", "--name", "c" + std::to_string(c), "--from-env", file});
  }
  ChildProcess rotate(MFX_BINARY, withData({"encryption:rotate", "--batch-size", "1"}), env);
  BOOST_REQUIRE(rotate.waitForOutput("re-sealed 20 credential", 30s));
  rotate.signal(SIGKILL);
  rotate.wait();

  const Json midway = json({"encryption:status"});
  BOOST_TEST(midway["rotation_in_progress"] == true);
  BOOST_REQUIRE_EQUAL(midway["versions"].size(), 2u);
  const int64_t doneBefore = midway["versions"][1]["sealed"].value("credential", 0);
  BOOST_TEST(doneBefore >= 20);
  BOOST_TEST(midway["versions"][0]["sealed"]["credential"].get<int64_t>() == 300 - doneBefore);
  // Both versions open while the rotation is unfinished.
  BOOST_TEST(json({"credential:get", "--id", "15", "--reveal"})["values"]["VAULT_SECRET_20"] == "value-15-20");

  const Json resumed = json({"encryption:rotate"});
  BOOST_TEST(resumed["resumed"] == true);
  BOOST_TEST(resumed["version"] == 2);
  BOOST_TEST(resumed["resealed"]["credential"].get<int64_t>() == 300 - doneBefore);
  BOOST_TEST(resumed["retired"] == Json::array({1}));
  const Json after = json({"encryption:status"});
  BOOST_TEST(after["rotation_in_progress"] == false);
  BOOST_TEST(after["versions"][0]["state"] == "retired");
  BOOST_TEST(after["versions"][1]["sealed"]["credential"] == 300);
  BOOST_TEST(json({"credential:get", "--id", "1", "--reveal"})["values"]["VAULT_SECRET_01"] == "value-1-1");
  const Json again = json({"encryption:rotate"});  // a fresh rotation, not a silent no-op
  BOOST_TEST(again["version"] == 3);
  BOOST_TEST(again["total"] == 300);
}

BOOST_AUTO_TEST_CASE(rotation_while_jobs_run_fails_no_job) {
  const std::string appId = app("[ $(printf %s \"$VAULT_SECRET_01\" | md5sum | cut -c1-12) = $WANT ] || exit 9; sleep 0.2");
  vaultPrototype();
  json({"company:create", "--name", "Acme", "--slug", "acme"});
  json({"credential-type:create", "--company_id", "1", "--name", "v", "--prototype", "Vault"});
  json({"credential:create", "--credential_type_id", "1", "--name", "c", "--field", "VAULT_SECRET_01=" + kCreated});
  const std::string tpl = id(json({"run-template:create", "--name", "t", "--app_id", appId, "--company", "acme",
                                   "--interv", "n", "--allow_overlap", "1"}));
  json({"run-template:assign-credential", "--id", tpl, "--credential_id", "1"});
  auto daemonEnv = env;
  daemonEnv["MULTIFLEXI_MAX_PARALLEL"] = "4";
  ChildProcess up(MFX_BINARY, withData({"up"}), daemonEnv);
  BOOST_REQUIRE(up.waitForOutput("multiflexi up:", 10s));
  std::vector<int64_t> jobs;
  const std::string want = md5(kCreated);
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 4; ++i)
      jobs.push_back(json({"run-template:schedule", "--id", tpl, "--env", "WANT=" + want})["job_id"].get<int64_t>());
    const Json rotated = json({"encryption:rotate", "--batch-size", "1"});
    BOOST_TEST(rotated["version"] == round + 2);
  }
  BOOST_REQUIRE(eventually([&] {
    for (int64_t j : jobs) {
      const std::string status = json({"job:get", "--id", std::to_string(j)})["status"];
      if (status == "pending" || status == "running") return false;
    }
    return true;
  }));
  for (int64_t j : jobs) {
    const Json done = json({"job:get", "--id", std::to_string(j)});
    BOOST_TEST(done["status"] == "success", "job " << j << ": " << done.dump());
  }
  // Every job environment is sealed with the current key: old keys are gone.
  const Json status = json({"encryption:status"});
  BOOST_TEST(status["versions"].back()["version"] == 4);
  for (std::size_t v = 0; v + 1 < status["versions"].size(); ++v) BOOST_TEST(status["versions"][v]["state"] == "retired");
  up.signal(SIGTERM);
  BOOST_TEST(up.wait().exitCode == 0);
}

BOOST_AUTO_TEST_SUITE_END()
