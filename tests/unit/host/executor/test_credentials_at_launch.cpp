// Credentials at job time: precedence among the environment layers,
// prototype and plugin types through the real .so files, failing lookups,
// masking in output, and no secret in clear in the store file.
#include "ExecutorFixture.h"

#include "common/Exceptions.h"
#include "catalog/CredentialCatalog.h"
#include "manifest/PrototypeCodec.h"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {

struct CredentialFixture : ExecutorFixture {
  CredentialCatalog catalog{*db, &plugins};

  CredentialFixture() {
    BOOST_REQUIRE(plugins.loadFile(std::string(MFX_PLUGIN_DIR) + "/mfx_envfile.so").loaded());
    BOOST_REQUIRE(plugins.loadFile(std::string(MFX_PLUGIN_DIR) + "/mfx_exec.so").loaded());
  }

  int64_t prototype(const std::string& code, const std::string& fieldsJson) {
    static int n = 0;
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "6f1c2d3e-0000-4000-8000-%012d", ++n);
    const OrderedJson doc = OrderedJson::parse(R"({"uuid":")" + std::string(uuid) + R"(","code":")" + code +
                                               R"(","name":"test","fields":)" + fieldsJson + "}");
    return catalog.prototypes().save(prototypeFromJson(doc, "test")).id;
  }

  int64_t credentialOf(int64_t company, std::optional<int64_t> prototypeId, std::optional<std::string> plugin,
                       std::map<std::string, std::string> values, std::map<std::string, std::string> settings = {}) {
    static int n = 0;
    CredentialType t;
    t.companyId = company;
    t.name = "type" + std::to_string(++n);
    t.prototypeId = prototypeId;
    t.pluginType = std::move(plugin);
    t.settings = std::move(settings);
    Credential c;
    c.companyId = company;
    c.typeId = catalog.createType(t);
    c.name = "cred" + std::to_string(n);
    c.values = std::move(values);
    return catalog.createCredential(c);
  }

  /// A template of an application requiring `requirements` that runs `script` with /bin/sh.
  int64_t templateOf(const std::string& script, std::vector<std::string> requirements,
                     std::map<std::string, std::string> templateConfig = {}) {
    static int n = 0;
    Application app = appRunning("cred-app" + std::to_string(++n), "/bin/sh", "-c '" + script + "'");
    app.requirements = std::move(requirements);
    EnvField a;
    a.key = "LAYER";
    a.defvalJson = "\"application\"";
    app.environment = {a};
    RunTemplate t = Testing::templateOf(seedApp(*db, app), companyId, 'n', app.name);
    t.config = std::move(templateConfig);
    return seedTemplate(*db, t);
  }

  void assign(int64_t templateId, int64_t credentialId, const std::string& requirement) {
    catalog.credentials().bind(templateId, credentialId, requirement);
  }

  std::string storeBytes() {
    std::string all;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::ifstream in(dir.file("executor.db") + suffix, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      all += bytes.str();
    }
    return all;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(credentials_at_launch, CredentialFixture)

BOOST_AUTO_TEST_CASE(credentials_slot_in_after_the_template_and_before_the_company) {
  const int64_t proto = prototype("Layers", R"([{"keyword":"LAYER","type":"string"},{"keyword":"BY_CRED","type":"string"},
      {"keyword":"OVERRIDDEN","type":"string"},{"keyword":"FROM_DEFAULT","type":"string","default":"proto-default"},
      {"keyword":"LAYER_TOKEN","type":"password"}])");
  const int64_t cred = credentialOf(companyId, proto, std::nullopt,
                                    {{"LAYER", "credential"}, {"BY_CRED", "credential"}, {"OVERRIDDEN", "credential"},
                                     {"LAYER_TOKEN", "tok-canary-7781"}});
  const int64_t tid = templateOf(
      "echo LAYER=$LAYER; echo BY_CRED=$BY_CRED; echo OVERRIDDEN=$OVERRIDDEN; echo FROM_DEFAULT=$FROM_DEFAULT; "
      "echo TPL=$TPL; [ $(printf %s \"$LAYER_TOKEN\" | md5sum | cut -c1-12) = 514d8021105d ] && echo token-ok; "
      "echo leak=$LAYER_TOKEN",
      {"layers"}, {{"LAYER", "template"}, {"TPL", "template"}});
  assign(tid, cred, "LAYERS");
  Company c = *CompanyRepository(*db).findById(companyId);
  c.environment = {{"OVERRIDDEN", "company"}};
  CompanyRepository(*db).update(c);
  const int64_t id = schedule(tid);
  runDue();
  BOOST_TEST(jobStateName(job(id).state) == "success", job(id).message.value_or(""));
  const std::string out = output(id);
  BOOST_TEST(out.find("LAYER=credential\n") != std::string::npos, out);   // credential over template
  BOOST_TEST(out.find("TPL=template\n") != std::string::npos);
  BOOST_TEST(out.find("OVERRIDDEN=company\n") != std::string::npos);     // company over credential
  BOOST_TEST(out.find("FROM_DEFAULT=proto-default\n") != std::string::npos);
  BOOST_TEST(out.find("token-ok") != std::string::npos);  // the job got the value (checked by its md5)
  BOOST_TEST(out.find("tok-canary-7781") == std::string::npos);          // masked in output
  BOOST_TEST(out.find("leak=••••••••") != std::string::npos);
  BOOST_TEST(job(id).envJson->find("tok-canary-7781") == std::string::npos);
  BOOST_TEST(storeBytes().find("tok-canary-7781") == std::string::npos);
  Poco::Data::Session s = db->session();
  BOOST_TEST(Sql::scalar(s, "SELECT COUNT(*) FROM job WHERE id = ? AND env_sealed LIKE 'mf:v1:%'", {Sql::value(id)}) == 1);
}

BOOST_AUTO_TEST_CASE(plugin_types_resolve_through_the_c_abi_at_every_start) {
  const std::string file = dir.file("bank.env");
  std::ofstream(file) << "BANK_API_TOKEN=first-token-123\nBANK_URL=https://bank.example\n";
  const int64_t fileCred = credentialOf(companyId, std::nullopt, "envfile", {{"ENV_FILE_PATH", file}});
  const int64_t execCred = credentialOf(companyId, std::nullopt, "exec", {{"INPUT", "client-9"}},
                                        {{"COMMAND", "read c; echo SHORT_LIVED=for-$c-$MULTIFLEXI_JOB_ID"}});
  const int64_t tid = templateOf("echo url=$BANK_URL; [ \"$BANK_API_TOKEN\" = \"$WANT\" ] && echo file-ok; "
                                 "[ \"$SHORT_LIVED\" = for-client-9-$MULTIFLEXI_JOB_ID ] && echo exec-ok",
                                 {"EnvFile", "Exec"});
  assign(tid, fileCred, "envfile");
  assign(tid, execCred, "exec");
  const int64_t first = schedule(tid, {{"WANT", "first-token-123"}});
  runDue();
  std::ofstream(file, std::ios::trunc) << "BANK_API_TOKEN=second-token-456\nBANK_URL=https://bank.example\n";
  const int64_t second = schedule(tid, {{"WANT", "second-token-456"}});
  runDue();
  for (int64_t id : {first, second}) {
    const std::string out = output(id);
    BOOST_TEST(out.find("url=https://bank.example") != std::string::npos, out);
    BOOST_TEST(out.find("file-ok") != std::string::npos, out);
    BOOST_TEST(out.find("exec-ok") != std::string::npos, out);
  }
}

BOOST_AUTO_TEST_CASE(a_failing_lookup_fails_the_job_before_it_starts_with_the_reason) {
  const int64_t execCred = credentialOf(companyId, std::nullopt, "exec", {},
                                        {{"COMMAND", "echo 'token service is down' >&2; exit 4"}});
  const int64_t tid = templateOf("touch " + dir.file("ran"), {"exec"});
  assign(tid, execCred, "exec");
  const int64_t id = schedule(tid);
  runDue();
  const Job j = job(id);
  BOOST_TEST(jobStateName(j.state) == "failed");
  BOOST_TEST(*j.outcome == "launch_failed");
  BOOST_TEST(j.message->find("requirement exec") != std::string::npos, *j.message);
  BOOST_TEST(j.message->find("the helper exited with 4: token service is down") != std::string::npos, *j.message);
  BOOST_TEST(!std::filesystem::exists(dir.file("ran")));
  BOOST_TEST(!j.pid.has_value());
}

BOOST_AUTO_TEST_CASE(a_credential_of_another_company_can_never_be_bound) {
  const int64_t other = seedCompany(*db, "other");
  const int64_t proto = prototype("Iso", R"([{"keyword":"ISO_PASSWORD","type":"password"}])");
  const int64_t foreign = credentialOf(other, proto, std::nullopt, {{"ISO_PASSWORD", "company-b-secret"}});
  const int64_t tid = templateOf("true", {"Iso"});
  BOOST_CHECK_EXCEPTION(assign(tid, foreign, "Iso"), ValidationException, [](const ValidationException& e) {
    return e.message().find("belongs to another company") != std::string::npos;
  });
  // Nor through a type of another company.
  Credential c;
  c.companyId = companyId;
  c.typeId = catalog.credentials().find(foreign)->typeId;
  c.name = "sneaky";
  BOOST_CHECK_THROW(catalog.createCredential(c), ValidationException);
  BOOST_TEST(catalog.credentials().bindings(tid).empty());
}

BOOST_AUTO_TEST_CASE(requirement_codes_match_case_insensitively) {
  const int64_t proto = prototype("mServer", R"([{"keyword":"POHODA_URL","type":"url"}])");
  const int64_t cred = credentialOf(companyId, proto, std::nullopt, {{"POHODA_URL", "http://pohoda:444"}});
  Application app = appRunning("pohoda", "/bin/true");
  app.requirements = {"MServer"};
  const int64_t appId = seedApp(*db, app);
  RunTemplate t = Testing::templateOf(appId, companyId, 'n', "pohoda");
  t.id = seedTemplate(*db, t);
  BOOST_TEST(catalog.assign(t, *ApplicationRepository(*db).findById(appId), cred, std::nullopt, false) == "MServer");
  const int64_t second = credentialOf(companyId, proto, std::nullopt, {{"POHODA_URL", "http://other:444"}});
  catalog.assign(t, *ApplicationRepository(*db).findById(appId), second, std::string("mserver"), false);
  const auto bindings = catalog.credentials().bindings(t.id);
  BOOST_REQUIRE_EQUAL(bindings.size(), 1u);  // one credential per requirement
  BOOST_TEST(bindings[0].credentialId == second);
  BOOST_CHECK_THROW(catalog.assign(t, *ApplicationRepository(*db).findById(appId), cred, std::string("FioBank"), false),
                    ValidationException);
}

BOOST_AUTO_TEST_SUITE_END()
