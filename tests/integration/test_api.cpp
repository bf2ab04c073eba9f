// The REST API end to end, as operators and their scripts use it: the real
// `multiflexi up` (scheduler, executor and API in one process) on a free
// loopback port, users and tokens made with the CLI. Sign-in and its
// failures (one answer whatever the cause), the access log without -v, the
// status (counts to callers only), a job run over the API to its end, and
// tenant isolation generated from the server's own route index: every route
// with a record parameter asked for another company's record answers as for
// an id that does not exist (or 403 on an admin's route, alike), and nothing
// changes; a parameter the test does not know fails it.
#define BOOST_TEST_MODULE api
#include <boost/test/unit_test.hpp>

#include "ChildProcess.h"
#include "CliStore.h"
#include "HttpExchange.h"
#include "OpenApiSchemas.h"

#include <Poco/Base64Encoder.h>

#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <signal.h>

using MultiFlexi::Testing::ChildProcess;
using MultiFlexi::Testing::Reply;
using Json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kBase = "/api/VitexSoftware/MultiFlexi/1.0.0";
const std::string kProbe =
    MultiFlexi::Testing::appsDir() + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json";

std::string basic(const std::string& login, const std::string& password) {
  std::ostringstream encoded;
  Poco::Base64Encoder encoder(encoded);
  encoder.rdbuf()->setLineLength(0);
  encoder << login << ':' << password;
  encoder.close();
  return "Basic " + encoded.str();
}

struct ApiFixture : MultiFlexi::Testing::CliStore {
  Poco::UInt16 port = MultiFlexi::Testing::freePort();
  std::unique_ptr<ChildProcess> up;
  int64_t companyA = 0, companyB = 0, templateA = 0, templateB = 0;
  std::string aliceToken, bobToken;  // alice: operator of A; bob: viewer of B

  ApiFixture() {
    Json manifest = Json::parse(std::ifstream(kProbe));
    manifest["executable"] = "/bin/sh";
    manifest["cmdparams"] = "-c 'echo probe $MULTIFLEXI_JOB_ID; echo report > report.txt; exit {FORCE_EXITCODE}'";
    manifest["artifacts"] = Json::array({{{"name", "report"}, {"path", "^report\\.txt$"}, {"type", "file"}}});
    const std::string file = data.file("probe.multiflexi.app.json");
    std::ofstream(file) << manifest.dump();
    const std::string app = std::to_string(json({"application:import-json", "--file", file})[0]["id"].get<int64_t>());
    companyA = json({"company:create", "--name", "Alpha", "--slug", "alpha"})["id"];
    companyB = json({"company:create", "--name", "Beta", "--slug", "beta"})["id"];
    // Hourly: the tests run jobs on request only.
    templateA = json({"run-template:create", "--name", "a", "--app_id", app, "--company", "alpha", "--interv", "n",
                      "--config", "FORCE_EXITCODE=3"})["id"];
    templateB = json({"run-template:create", "--name", "b", "--app_id", app, "--company", "beta", "--interv", "n"})["id"];
    json({"user:create", "--login", "root", "--admin", "--password", "root-password"});
    json({"user:create", "--login", "alice", "--password", "alice-password"});
    json({"user:create", "--login", "bob", "--password", "bob-password"});
    json({"user-company:assign", "--user", "alice", "--company", "alpha", "--role", "operator"});
    json({"user-company:assign", "--user", "bob", "--company", "beta", "--role", "viewer"});
    aliceToken = json({"token:create", "--user", "alice"})["token"];
    bobToken = json({"token:create", "--user", "bob"})["token"];

    auto e = env;
    e["MULTIFLEXI_LISTEN"] = "127.0.0.1:" + std::to_string(port);
    e["API_RATE_LIMIT_REQUESTS"] = "100000";
    up = std::make_unique<ChildProcess>(MFX_BINARY, withData({"up"}), e);  // no -v: the access log shows anyway
    BOOST_REQUIRE(up->waitForOutput("the API:", 15s));
  }

  Reply call(const std::string& method, const std::string& below, const std::string& authorization = "",
             const std::string& body = "") {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    std::map<std::string, std::string> headers;
    if (!authorization.empty()) headers["Authorization"] = authorization;
    if (!body.empty()) headers["Content-Type"] = "application/json";
    return MultiFlexi::Testing::exchange(session, method, kBase + below, body, headers);
  }
  Reply as(const std::string& token, const std::string& method, const std::string& below, const std::string& body = "") {
    return call(method, below, "Bearer " + token, body);
  }
  /// What the database holds that a request could change.
  std::string snapshot() {
    std::string all;
    for (const std::vector<std::string>& list : std::vector<std::vector<std::string>>{
             {"job:list"}, {"run-template:list"}, {"company:list"}, {"credential:list"}, {"credential-type:list"},
             {"user:list"}, {"token:list", "--user", "alice"}, {"audit:list"}, {"artifact:list"}})
      all += json(list).dump();
    return all;
  }
  /// Polls the job until it has ended; its last answer.
  Json ended(const std::string& token, const std::string& id) {
    Json job;
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    do {
      std::this_thread::sleep_for(100ms);
      job = Json::parse(as(token, "GET", "/job/" + id + ".json").body);
    } while ((job["status"] == "pending" || job["status"] == "running") && std::chrono::steady_clock::now() < deadline);
    return job;
  }
  /// A credential type and a credential of company A; their ids.
  std::pair<std::string, std::string> credentialOfA() {
    const std::string file = data.file("tiny.credprototype.json");
    std::ofstream(file) << Json{{"uuid", "5d0c7a52-8e0b-4c7e-9a51-3f6f2b1d9c40"}, {"code", "Tiny"}, {"name", "Tiny"},
                                {"version", "1.0"}, {"fields", Json::array({{{"keyword", "TINY_URL"}, {"type", "url"}}})}}
                               .dump();
    json({"credential-prototype:import-json", "--file", file});
    const std::string type = std::to_string(
        json({"credential-type:create", "--company_id", std::to_string(companyA), "--name", "t", "--prototype", "Tiny"})
            ["id"].get<int64_t>());
    const std::string credential = std::to_string(
        json({"credential:create", "--credential_type_id", type, "--name", "c", "--field", "TINY_URL=https://a.example"})
            ["id"].get<int64_t>());
    return {type, credential};
  }
  static void conforms(const std::string& operation, const std::string& body) {
    const auto problems = MultiFlexi::Testing::multiFlexiOpenApi().problems("GET", operation, 200, Json::parse(body));
    std::string all;
    for (const auto& p : problems) all += p + "\n";
    BOOST_TEST(problems.empty(), operation << ": " << all << body);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(api, ApiFixture)

BOOST_AUTO_TEST_CASE(sign_in_failures_are_one_answer_and_a_login_token_works) {
  const Reply missing = call("GET", "/jobs.json");
  BOOST_TEST(missing.status == 401);
  BOOST_TEST(missing.headers.count("WWW-Authenticate") == 1u);
  const std::string body = missing.body;
  BOOST_TEST(Json::parse(body)["code"] == "unauthorized");
  BOOST_TEST(call("GET", "/jobs.json", basic("alice", "wrong-password")).body == body);
  BOOST_TEST(call("GET", "/jobs.json", basic("nobody", "alice-password")).body == body);
  BOOST_TEST(call("GET", "/jobs.json", "Bearer mfx_not-a-token").body == body);
  BOOST_TEST(call("GET", "/jobs.json", "Digest whatever").body == body);
  BOOST_TEST(call("GET", "/jobs.json", basic("alice", "alice-password")).status == 200);

  // MultiFlexi's login: a token that the API then accepts; logout revokes it.
  const Reply login = call("POST", "/login.json", "", R"({"username":"alice","password":"alice-password"})");
  BOOST_REQUIRE(login.status == 201);
  const std::string token = Json::parse(login.body)["token"];
  BOOST_TEST(Json::parse(login.body)["user"]["login"] == "alice");
  BOOST_TEST(as(token, "GET", "/jobs.json").status == 200);
  BOOST_TEST(as(token, "POST", "/logout").status == 200);
  const Reply revoked = as(token, "GET", "/jobs.json");
  BOOST_TEST(revoked.status == 401);
  BOOST_TEST(revoked.body == body);

  // A disabled user is refused the same way, by password and by token.
  json({"user:update", "--id", std::to_string(json({"user:get", "--login", "bob"})["id"].get<int64_t>()), "--enabled",
        "0"});
  BOOST_TEST(as(bobToken, "GET", "/jobs.json").body == body);
  BOOST_TEST(call("GET", "/jobs.json", basic("bob", "bob-password")).body == body);

  // Throttling engages: after repeated wrong passwords even the right one is refused.
  for (int i = 0; i < 8; ++i) call("GET", "/jobs.json", basic("root", "wrong-password"));
  BOOST_TEST(call("GET", "/jobs.json", basic("root", "root-password")).status == 401);
  // The log names requests, never a password.
  up->signal(SIGTERM);
  const auto finished = up->wait();
  up.reset();
  const std::string log = finished.out + finished.err;
  BOOST_TEST(log.find("alice-password") == std::string::npos);
  BOOST_TEST(log.find("root-password") == std::string::npos);
  BOOST_TEST(log.find(token) == std::string::npos);
  // The access log shows every request without -v; other information does not.
  BOOST_TEST(log.find("multiflexi.access: GET " + kBase + "/jobs.json 200 ") != std::string::npos, log);
  BOOST_TEST(log.find("multiflexi.access: GET " + kBase + "/jobs.json 401 ") != std::string::npos, log);
  BOOST_TEST(log.find("scheduler started") == std::string::npos, log);
  BOOST_TEST(log.find("listening on") == std::string::npos, log);
}

BOOST_AUTO_TEST_CASE(status_shows_counts_to_callers_only_and_only_of_their_companies) {
  const std::vector<std::string> counts = {"companies", "apps", "runtemplates", "credentials", "credentialtypes"};
  const Reply open = call("GET", "/status.json");
  BOOST_REQUIRE(open.status == 200);
  const Json anonymous = Json::parse(open.body);
  BOOST_TEST(anonymous["database"] == "sqlite");
  BOOST_TEST(anonymous.contains("daemon"));
  BOOST_TEST(anonymous.contains("timestamp"));
  for (const auto& c : counts) BOOST_TEST(!anonymous.contains(c), c);
  conforms("/status.{suffix}", open.body);

  credentialOfA();
  const Reply mine = as(bobToken, "GET", "/status.json");  // bob sees company B only
  BOOST_REQUIRE(mine.status == 200);
  const Json b = Json::parse(mine.body);
  BOOST_TEST(b["companies"] == 1);
  BOOST_TEST(b["runtemplates"] == 1);
  BOOST_TEST(b["apps"] == 1);
  BOOST_TEST(b["credentials"] == 0);
  BOOST_TEST(b["credentialtypes"] == 0);
  conforms("/status.{suffix}", mine.body);
  const Json a = Json::parse(as(aliceToken, "GET", "/status.json").body);
  BOOST_TEST(a["credentials"] == 1);
  BOOST_TEST(a["credentialtypes"] == 1);
  const Reply all = call("GET", "/status.json", basic("root", "root-password"));
  BOOST_TEST(Json::parse(all.body)["companies"] == 2);
  BOOST_TEST(Json::parse(all.body)["runtemplates"] == 2);
  conforms("/status.{suffix}", all.body);
  // Credentials that do not verify get the public answer: no counts.
  const Reply wrong = call("GET", "/status.json", "Bearer mfx_not-a-token");
  BOOST_TEST(wrong.status == 200);
  for (const auto& c : counts) BOOST_TEST(!Json::parse(wrong.body).contains(c), c);
  // A client still sending its stale token signs in anew.
  const Reply fresh =
      call("POST", "/login.json", "Bearer mfx_" + std::string(43, 'A'), R"({"username":"root","password":"root-password"})");
  BOOST_TEST(fresh.status == 201);
}

BOOST_AUTO_TEST_CASE(an_operator_runs_a_job_over_the_api_and_a_viewer_of_another_company_cannot) {
  const std::string run = R"({"runtemplate_id":)" + std::to_string(templateA) + "}";
  BOOST_TEST(as(bobToken, "POST", "/job/", run).status == 404);  // bob does not see company A
  // Overrides are an editor's: an operator only runs.
  const Reply overriding = as(aliceToken, "POST", "/job/", R"({"runtemplate_id":)" + std::to_string(templateA) +
                                                                R"(,"env":{"FORCE_EXITCODE":"0"}})");
  BOOST_TEST(overriding.status == 403);
  BOOST_TEST(Json::parse(overriding.body)["field"] == "env");
  // A form is refused on an authenticated route (a browser posts one cross-site unasked).
  {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    const Reply form = MultiFlexi::Testing::exchange(
        session, "POST", kBase + "/job/", "runtemplate_id=" + std::to_string(templateA),
        {{"Authorization", "Bearer " + aliceToken}, {"Content-Type", "application/x-www-form-urlencoded"}});
    BOOST_TEST(form.status == 400);
    BOOST_TEST(Json::parse(form.body)["field"] == "body");
  }
  const Reply made = as(aliceToken, "POST", "/job/", run);
  BOOST_REQUIRE_MESSAGE(made.status == 201, made.body);
  const int64_t id = Json::parse(made.body)["id"];
  Json job;
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  do {
    std::this_thread::sleep_for(100ms);
    job = Json::parse(as(aliceToken, "GET", "/job/" + std::to_string(id) + ".json").body);
  } while (job["status"] != "failed" && std::chrono::steady_clock::now() < deadline);
  BOOST_TEST(job["status"] == "failed");
  BOOST_TEST(job["exitcode"] == 3);
  BOOST_TEST(job["launched_by_name"] == "alice");
  const Json output = Json::parse(as(aliceToken, "GET", "/job/" + std::to_string(id) + "/output.json").body);
  BOOST_TEST(output.dump().find("probe " + std::to_string(id)) != std::string::npos);
  // The audit trail names the API caller.
  const Json trail = json({"audit:list", "--actor", "alice"});
  BOOST_TEST(!trail.empty());
  // Alice's list has her job; bob's has none of company A's.
  BOOST_TEST(Json::parse(as(aliceToken, "GET", "/jobs.json").body).contains(std::to_string(id)));
  BOOST_TEST(!Json::parse(as(bobToken, "GET", "/jobs.json").body).contains(std::to_string(id)));
}

BOOST_AUTO_TEST_CASE(every_record_route_hides_another_company_s_records_as_missing_ones) {
  // A record of company A of every kind a route names: a job run to its end
  // (it leaves an artifact), its template, the company, a credential type and
  // credential, alice (a user of A), her token and an audit event of A.
  const Reply made = as(aliceToken, "POST", "/job/", R"({"runtemplate_id":)" + std::to_string(templateA) + "}");
  BOOST_REQUIRE_MESSAGE(made.status == 201, made.body);
  const std::string jobA = std::to_string(Json::parse(made.body)["id"].get<int64_t>());
  BOOST_REQUIRE(ended(aliceToken, jobA)["status"] == "failed");
  const Json artifacts = json({"artifact:list", "--job_id", jobA});
  BOOST_REQUIRE_EQUAL(artifacts.size(), 1u);
  const auto credential = credentialOfA();
  const std::string typeA = credential.first, credentialA = credential.second;
  const std::string alice = std::to_string(json({"user:get", "--login", "alice"})["id"].get<int64_t>());
  const std::string aliceTokenId = std::to_string(json({"token:list", "--user", "alice"})[0]["id"].get<int64_t>());
  const Json eventsOfA = json({"audit:list", "--company", std::to_string(companyA)});
  BOOST_REQUIRE(!eventsOfA.empty());
  const std::string eventOfA = std::to_string(eventsOfA[0]["id"].get<int64_t>());
  // What each route parameter names, by the path it is in ("id" is two kinds).
  auto recordOfA = [&](const std::string& path, const std::string& name) -> std::optional<std::string> {
    if (name == "jobId") return jobA;
    if (name == "runTemplateId") return std::to_string(templateA);
    if (name == "companyId") return std::to_string(companyA);
    if (name == "credentialId") return credentialA;
    if (name == "credentialTypeID") return typeA;
    if (name == "artifactId") return std::to_string(artifacts[0]["id"].get<int64_t>());
    if (name == "userId") return alice;
    if (name == "id" && path.rfind("/token/", 0) == 0) return aliceTokenId;
    if (name == "id" && path.rfind("/auditlog/", 0) == 0) return eventOfA;
    return std::nullopt;
  };
  // Applications and credential prototypes are no company's: every caller sees them.
  const std::set<std::string> shared = {"appId", "credentialPrototypeId"};

  const Json index = Json::parse(call("GET", "/index.json").body);
  const std::string before = snapshot();
  std::set<std::string> seen;
  int checked = 0;
  for (const auto& route : index) {
    const std::string path = route["path"].get<std::string>().substr(kBase.size());
    const std::string method = route["method"];
    const std::regex parameter("\\{([A-Za-z]+)\\}");
    std::string theirs = path, missing = path;
    std::vector<std::pair<std::string, std::string>> marks;  // (value in the answer, placeholder)
    bool isShared = false;
    int n = 0;
    for (auto it = std::sregex_iterator(path.begin(), path.end(), parameter); it != std::sregex_iterator(); ++it) {
      const std::string name = (*it)[1].str();
      seen.insert(name);
      if (shared.count(name)) {
        isShared = true;
        continue;
      }
      const auto value = recordOfA(path, name);
      BOOST_REQUIRE_MESSAGE(value, method << " " << path << ": the test does not know parameter {" << name << "}");
      const std::string absentId = std::to_string(999990 + ++n);
      theirs = std::regex_replace(theirs, std::regex("\\{" + name + "\\}"), *value);
      missing = std::regex_replace(missing, std::regex("\\{" + name + "\\}"), absentId);
      marks.emplace_back(*value, "<" + name + ">");
      marks.emplace_back(absentId, "<" + name + ">");
    }
    if (n == 0 && !isShared) continue;  // no record parameter
    const std::string body = method == "GET" || method == "DELETE" ? "" : "{}";
    if (isShared) {
      const std::string app = std::regex_replace(path, parameter, "1");
      BOOST_TEST(as(bobToken, method, app, body).status == 200, method << " " << app);
      continue;
    }
    const Reply hidden = as(bobToken, method, theirs, body);
    const Reply absent = as(bobToken, method, missing, body);
    BOOST_TEST((hidden.status == 404 || hidden.status == 403),
               method << " " << theirs << " answered " << hidden.status << " " << hidden.body);
    BOOST_TEST(hidden.status == absent.status, method << " " << theirs << " " << hidden.status << " but " << missing
                                                      << " " << absent.status);
    // The same answer but for the ids themselves.
    auto masked = [&](std::string text) {
      for (const auto& [value, mark] : marks) text = std::regex_replace(text, std::regex("\\b" + value + "\\b"), mark);
      return text;
    };
    BOOST_TEST(masked(hidden.body) == masked(absent.body), method << " " << theirs);
    ++checked;
  }
  const std::set<std::string> every = {"jobId",  "runTemplateId", "companyId", "credentialId", "credentialTypeID",
                                       "artifactId", "userId",    "id",        "appId", "credentialPrototypeId"};
  BOOST_TEST(seen == every, "parameters met: " << seen.size());
  BOOST_TEST(checked >= 20, "routes checked: " << checked);
  BOOST_TEST(snapshot() == before);
  // Lists never show company A to bob.
  for (const char* list : {"/jobs.json", "/runtemplates.json", "/companies.json", "/credentials.json"}) {
    const Reply r = as(bobToken, "GET", list);
    BOOST_TEST(r.status == 200, list);
    BOOST_TEST(r.body.find("\"company_id\":" + std::to_string(companyA)) == std::string::npos, list);
    BOOST_TEST(r.body.find("Alpha") == std::string::npos, list);
  }
}

BOOST_AUTO_TEST_CASE(an_editor_creates_and_reveals_a_credential_over_http_and_only_reveal_shows_the_secret) {
  json({"user:create", "--login", "erin", "--password", "erin-password"});
  json({"user-company:assign", "--user", "erin", "--company", "alpha", "--role", "editor"});
  const std::string erin = basic("erin", "erin-password");
  const std::string secret = "pw-over-http-1";
  const std::string file = data.file("secret.credprototype.json");
  std::ofstream(file) << Json{{"uuid", "0b8f4d1c-2f7a-4c55-9a3e-6d1f3c2b8a77"}, {"code", "Secretive"},
                              {"name", "Secretive"}, {"version", "1.0"},
                              {"fields", Json::array({{{"keyword", "SECRETIVE_PASSWORD"}, {"type", "password"}}})}}
                             .dump();
  json({"credential-prototype:import-json", "--file", file});
  const std::string secretive =
      std::to_string(json({"credential-prototype:get", "--code", "Secretive"})["id"].get<int64_t>());
  const Reply prototypes = call("GET", "/credential_prototypes.json", erin);
  BOOST_TEST(Json::parse(prototypes.body).contains(secretive), prototypes.body);
  const Reply secretType = call("POST", "/credential_type/", erin,
                                R"({"name":"pw","company_id":)" + std::to_string(companyA) +
                                    R"(,"prototype_id":)" + secretive + "}");
  BOOST_REQUIRE_MESSAGE(secretType.status == 201, secretType.body);
  const std::string secretTypeId = std::to_string(Json::parse(secretType.body)["id"].get<int64_t>());
  const Reply created = call("POST", "/credential/", erin,
                             R"({"name":"pw","credential_type_id":)" + secretTypeId +
                                 R"(,"values":{"SECRETIVE_PASSWORD":")" + secret + R"("}})");
  BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
  const std::string id = std::to_string(Json::parse(created.body)["id"].get<int64_t>());
  BOOST_TEST(created.body.find(secret) == std::string::npos);
  for (const std::string& path : {std::string("/credentials.json"), "/credential/" + id + ".json",
                                  "/runtemplate/" + std::to_string(templateA) + "/credentials.json"}) {
    const Reply r = call("GET", path, erin);
    BOOST_TEST(r.status == 200, path);
    BOOST_TEST(r.body.find(secret) == std::string::npos, path);
  }
  // alice is an operator: no reveal, no audit event.
  BOOST_TEST(as(aliceToken, "GET", "/credential/" + id + "/reveal").status == 403);
  BOOST_TEST(json({"audit:list", "--actor", "alice"}).dump().find("credential.reveal") == std::string::npos);
  const Reply revealed = call("GET", "/credential/" + id + "/reveal", erin);
  BOOST_TEST(revealed.status == 200, revealed.body);
  BOOST_TEST(Json::parse(revealed.body)["values"]["SECRETIVE_PASSWORD"] == secret);
  BOOST_TEST(revealed.headers.count("Cache-Control") == 1u);
  BOOST_TEST(revealed.headers.at("Cache-Control") == "no-store");
  const Json events = json({"audit:list", "--actor", "erin"});
  BOOST_TEST(events.dump().find("credential.reveal") != std::string::npos, events.dump());
  BOOST_TEST(events.dump().find(secret) == std::string::npos);
  const std::string canRun = "/runtemplate/" + std::to_string(templateA) + "/can_run.json?executor=";
  const Reply runnable = call("GET", canRun + "native", erin);
  BOOST_TEST(runnable.status == 200, runnable.body);
  BOOST_TEST(Json::parse(runnable.body)["can_run"] == true);
  const Reply unknown = call("GET", canRun + "nope", erin);
  BOOST_TEST(unknown.status == 400);
  BOOST_TEST(Json::parse(unknown.body)["field"] == "executor");
}

BOOST_AUTO_TEST_CASE(hostile_bodies_name_the_field_and_change_nothing) {
  const std::string before = snapshot();
  const std::string templ = std::to_string(templateA);
  for (const std::string& body :
       {std::string("{"), std::string(R"({"runtemplate_id":"1; DROP TABLE job"})"),
        std::string(R"({"runtemplate_id":)") + templ + R"(,"env":{"A\u0000B":"x"}})",
        std::string(R"({"runtemplate_id":)") + templ + R"(,"env":{"X":"' OR 1=1 --"},"executor":"native'; --"})",
        std::string(R"({"runtemplate_id":)") + templ + R"(,"scheduled":"2026-13-45 99:99:99"})",
        std::string(10000, '[') + std::string(10000, ']')}) {
    const Reply r = call("POST", "/job/", basic("root", "root-password"), body);  // an admin: every check applies
    BOOST_TEST(r.status == 400, body.substr(0, 60) << " answered " << r.status << " " << r.body);
    const Json error = Json::parse(r.body);
    BOOST_TEST(error["status"] == "error");
    BOOST_TEST(!error["message"].get<std::string>().empty());
  }
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_SUITE_END()
