#define BOOST_TEST_MODULE exec credential type
#include <boost/test/unit_test.hpp>

#include "TempDir.h"

#include <multiflexi/mfx_testing.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <signal.h>

using MultiFlexi::Testing::TempDir;

namespace {

struct Loaded {
  mfx::testing::FakeHost host;
  Loaded() { BOOST_REQUIRE_EQUAL(host.load(&mfx_plugin_init), MFX_OK); }
  mfx::testing::CredentialTypeProbe::Resolved resolve(nlohmann::json config, int64_t company = 7, int64_t job = 42) {
    return host.credentialType("exec").resolve(config.dump(), company, job);
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(key_value_lines_become_secret_variables) {
  Loaded p;
  auto r = p.resolve({{"COMMAND", "echo ACCESS_TOKEN=t-$MULTIFLEXI_JOB_ID; echo \"SANDBOX='1'\""}});
  BOOST_REQUIRE_EQUAL(r.code, MFX_OK);
  BOOST_TEST(r.values.at("ACCESS_TOKEN") == "t-42");
  BOOST_TEST(r.values.at("SANDBOX") == "1");
  BOOST_TEST(r.secretNames.size() == 2u);  // SECRETS defaults to all
}

BOOST_AUTO_TEST_CASE(a_json_object_works_and_input_arrives_on_stdin) {
  Loaded p;
  auto r = p.resolve({{"COMMAND", "read id; printf '{\"CSAS_ACCESS_TOKEN\":\"for-%s\",\"CSAS_SANDBOX_MODE\":true,\"N\":3}' \"$id\""},
                      {"INPUT", "token-id-1\n"},
                      {"SECRETS", "CSAS_ACCESS_TOKEN"}});
  BOOST_REQUIRE_EQUAL(r.code, MFX_OK);
  BOOST_TEST(r.values.at("CSAS_ACCESS_TOKEN") == "for-token-id-1");
  BOOST_TEST(r.values.at("CSAS_SANDBOX_MODE") == "true");
  BOOST_TEST(r.values.at("N") == "3");
  BOOST_TEST(r.secretNames == std::vector<std::string>{"CSAS_ACCESS_TOKEN"});
}

BOOST_AUTO_TEST_CASE(a_failing_helper_fails_with_its_last_error_line) {
  Loaded p;
  auto r = p.resolve({{"COMMAND", "echo starting >&2; echo 'bank refused the client id' >&2; exit 3"}});
  BOOST_TEST(r.code == MFX_E_UNAVAILABLE);
  BOOST_TEST(r.message == "the helper exited with 3: bank refused the client id");
  auto empty = p.resolve({{"COMMAND", "true"}});
  BOOST_TEST(empty.code == MFX_E_INVALID);
  BOOST_TEST(empty.message.find("no variables") != std::string::npos);
  auto garbage = p.resolve({{"COMMAND", "echo '{not json'"}, {"FORMAT", "json"}});
  BOOST_TEST(garbage.message.find("not valid JSON") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_hanging_helper_is_killed_with_its_children_at_the_timeout) {
  Loaded p;
  TempDir dir;
  const std::string pidFile = dir.file("child.pid");
  const auto started = std::chrono::steady_clock::now();
  auto r = p.resolve({{"COMMAND", "sleep 30 & echo $! > " + pidFile + "; wait"}, {"TIMEOUT", "1"}});
  const auto took = std::chrono::steady_clock::now() - started;
  BOOST_TEST(r.code == MFX_E_UNAVAILABLE);
  BOOST_TEST(r.message.find("did not finish within 1 s") != std::string::npos, r.message);
  BOOST_TEST(took < std::chrono::seconds(10));
  std::ifstream in(pidFile);
  pid_t child = 0;
  BOOST_REQUIRE(in >> child);
  for (int i = 0; i < 100 && ::kill(child, 0) == 0; ++i) ::usleep(20000);
  BOOST_TEST(::kill(child, 0) != 0);  // the helper's child is gone too
}

BOOST_AUTO_TEST_CASE(bad_settings_are_named) {
  Loaded p;
  auto type = p.host.credentialType("exec");
  BOOST_TEST(type.validate("{}").value_or("").find("COMMAND") != std::string::npos);
  BOOST_TEST(type.validate(R"({"COMMAND":"x","TIMEOUT":"0"})").value_or("").find("TIMEOUT") != std::string::npos);
  BOOST_TEST(type.validate(R"({"COMMAND":"x","FORMAT":"xml"})").value_or("").find("FORMAT") != std::string::npos);
  BOOST_TEST(!type.validate(R"({"COMMAND":"x","TIMEOUT":"5"})"));
}
