// The user, role and token commands as an operator runs them: the first
// admin on a fresh store, the password from stdin (or with a warning from
// the command line), JSON output without secrets, a token shown once,
// errors naming the field, and every change in audit:list with its actor.
#define BOOST_TEST_MODULE cli_users
#include <boost/test/unit_test.hpp>

#include "CliStore.h"

#include <algorithm>

using MultiFlexi::Testing::ProcessResult;
using Json = nlohmann::json;

namespace {

struct UsersFixture : MultiFlexi::Testing::CliStore {
  UsersFixture() { BOOST_REQUIRE_EQUAL(cli({"company:list"}).exitCode, 0); }

  /// Runs the binary with `input` on stdin (through /bin/sh).
  ProcessResult withStdin(const std::string& input, const std::vector<std::string>& args) const {
    std::string command = "printf '%s\\n' \"$MFX_INPUT\" | \"$0\"";
    for (std::size_t i = 0; i < withData(args).size(); ++i) command += " \"${" + std::to_string(i + 1) + "}\"";
    std::vector<std::string> shArgs = {"-c", command, MFX_BINARY};
    for (const auto& a : withData(args)) shArgs.push_back(a);
    auto env2 = env;
    env2["MFX_INPUT"] = input;
    return MultiFlexi::Testing::run("/bin/sh", shArgs, env2);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_users, UsersFixture)

BOOST_AUTO_TEST_CASE(a_fresh_store_has_no_users_and_user_create_admin_makes_the_first) {
  BOOST_TEST(json({"user:list"}).empty());
  const ProcessResult r =
      withStdin("s3cret-pass", {"user:create", "--login", "root", "--admin", "--password-stdin", "-f", "json"});
  BOOST_REQUIRE_MESSAGE(r.exitCode == 0, r.err);
  const Json user = Json::parse(r.out);
  BOOST_TEST(user["login"] == "root");
  BOOST_TEST(user["admin"] == true);
  BOOST_TEST(r.out.find("s3cret") == std::string::npos);
  BOOST_TEST(r.out.find("argon2") == std::string::npos);
  BOOST_TEST(r.err.empty());
  BOOST_TEST(json({"user:get", "--login", "root"})["id"] == user["id"]);
}

BOOST_AUTO_TEST_CASE(a_password_on_the_command_line_is_accepted_with_a_warning) {
  const ProcessResult r = cli({"user:create", "--login", "alice", "--password", "password1", "--email", "a@example.com"});
  BOOST_TEST(r.exitCode == 0);
  BOOST_TEST(r.err.find("warning") != std::string::npos);
  BOOST_TEST(r.err.find("password1") == std::string::npos);
  BOOST_TEST(r.out.find("password1") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_field_and_changes_nothing) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"user:create", "--login", "x'; DROP TABLE users; --"},
           {"user:create", "--login", std::string(10'000, 'a')},
           {"user:create", "--login", ""},
           {"user:create", "--login", "bob", "--email", "nope"},
           {"user:create", "--login", "bob", "--password", "short"}}) {
    const ProcessResult r = cli(args);
    BOOST_TEST(r.exitCode != 0);
    BOOST_TEST(r.err.size() < 2'000u);
  }
  BOOST_TEST(cli({"user:create", "--login", "bob", "--email", "nope"}).err.find("email") != std::string::npos);
  BOOST_TEST(cli({"user:create", "--login", "bob", "--password", "short"}).err.find("short") == std::string::npos);
  BOOST_TEST(json({"user:list"}).empty());
  BOOST_TEST(cli({"user-company:assign", "--user", "nobody", "--company", "x", "--role", "viewer"}).exitCode != 0);
}

BOOST_AUTO_TEST_CASE(roles_tokens_and_the_audit_trail) {
  json({"user:create", "--login", "root", "--admin"});
  const int64_t alice = json({"user:create", "--login", "alice"})["id"];
  json({"company:create", "--name", "Acme", "--slug", "acme"});
  const Json role = json({"user-company:assign", "--user", "alice", "--company", "acme", "--role", "operator"});
  BOOST_TEST(role["role"] == "operator");
  BOOST_TEST(role["user_id"] == alice);
  BOOST_TEST(cli({"user-company:assign", "--user", "alice", "--company", "acme", "--role", "owner"}).err.find("role") !=
             std::string::npos);
  BOOST_TEST(json({"user:get", "--id", std::to_string(alice)})["companies"].size() == 1u);
  BOOST_TEST(json({"user-role:set", "--user", "alice", "--role", "admin"})["admin"] == true);
  BOOST_TEST(json({"user-role:set", "--user", "alice", "--role", "user"})["admin"] == false);

  const Json token = json({"token:create", "--user", "alice", "--name", "ci", "--expires", "30d"});
  const std::string value = token["token"];
  BOOST_TEST(value.rfind("mfx_", 0) == 0u);
  const ProcessResult listed = cli({"token:list", "--user", "alice", "-f", "json"});
  BOOST_TEST(listed.out.find(value) == std::string::npos);
  BOOST_TEST(Json::parse(listed.out).size() == 1u);
  BOOST_TEST(cli({"token:create", "--user", "alice", "--expires", "soon"}).exitCode != 0);
  BOOST_TEST(cli({"token:delete", "--id", std::to_string(token["id"].get<int64_t>())}).exitCode == 0);
  BOOST_TEST(!json({"token:list"})[0]["revoked_at"].is_null());

  BOOST_TEST(cli({"user-company:unassign", "--user", "alice", "--company", "acme"}).exitCode == 0);
  // The last admin stays.
  const ProcessResult last = cli({"user:delete", "--login", "root"});
  BOOST_TEST(last.exitCode != 0);
  BOOST_TEST(last.err.find("last enabled admin") != std::string::npos);
  BOOST_TEST(cli({"user:delete", "--login", "alice"}).exitCode == 0);

  const Json trail = json({"audit:list", "--limit", "50"});
  std::vector<std::string> actions;
  for (const auto& e : trail) actions.push_back(e["action"]);
  for (const char* expected : {"user.create", "user-company.assign", "user-role.set", "token.create",
                                      "token.revoke", "user-company.unassign", "user.delete"})
    BOOST_TEST((std::find(actions.begin(), actions.end(), expected) != actions.end()), expected);
  const std::string me = trail[0]["actor"];
  BOOST_TEST(!me.empty());
  BOOST_TEST(json({"audit:list", "--actor", me}).size() == trail.size());
  BOOST_TEST(json({"audit:list", "--actor", "nobody-else"}).empty());
  BOOST_TEST(json({"audit:list", "--company", "acme"}).size() == 3u);  // company.create, assign, unassign
  BOOST_TEST(json({"audit:list", "--limit", "2", "--offset", "1"}).size() == 2u);
}

BOOST_AUTO_TEST_CASE(credential_and_prototype_deletes_and_imports_reach_audit_list) {
  const std::string prototype =
      MultiFlexi::Testing::fixture("multiflexi/credential-prototypes/VitexSoftware__php-vitexsoftware-multiflexi-core__test.credential-type.json");
  json({"company:create", "--name", "Acme", "--slug", "acme"});
  const int64_t protoId = json({"credential-prototype:import-json", "--file", prototype})["id"];
  const int64_t typeId = json({"credential-type:create", "--company_id", "1", "--name", "sql", "--prototype", "SQL"})["id"];
  const int64_t credId = json({"credential:create", "--credential_type_id", std::to_string(typeId), "--name", "db",
                               "--field", "DATABASE_USER=app", "--field", "DATABASE_PASSWORD=pw-123456"})["id"];
  BOOST_REQUIRE_EQUAL(cli({"credential:remove", "--id", std::to_string(credId)}).exitCode, 0);
  BOOST_REQUIRE_EQUAL(cli({"credential-type:delete", "--id", std::to_string(typeId)}).exitCode, 0);
  BOOST_REQUIRE_EQUAL(cli({"credential-prototype:delete", "--id", std::to_string(protoId)}).exitCode, 0);
  const Json trail = json({"audit:list", "--limit", "3"});  // newest first
  BOOST_REQUIRE(trail.size() == 3u);
  BOOST_TEST(trail[0]["action"] == "credential-prototype.delete");
  BOOST_TEST(trail[1]["action"] == "credential-type.delete");
  BOOST_TEST(trail[2]["action"] == "credential.delete");
  BOOST_TEST(trail[2]["subject"] == "credential " + std::to_string(credId));
  BOOST_TEST(!trail[0]["actor"].get<std::string>().empty());
  BOOST_TEST(json({"audit:list", "--company", "acme"}).size() == 5u);  // company, type, credential: created; both deleted
  bool imported = false;
  for (const auto& e : json({"audit:list", "--limit", "50"})) imported = imported || e["action"] == "credential-prototype.create";
  BOOST_TEST(imported);
}

BOOST_AUTO_TEST_SUITE_END()
