// The job environment: MultiFlexi's precedence, macros, the allow-list,
// secrets.
#include <boost/test/unit_test.hpp>

#include "common/Exceptions.h"
#include "domain/JobEnvironment.h"

using namespace MultiFlexi;

namespace {

struct Setup {
  Application app;
  Company company;
  RunTemplate runTemplate;
  JobFacts facts;
  std::map<std::string, std::string> daemon{{"PATH", "/usr/bin:/bin"}, {"HOME", "/var/lib/multiflexi"},
                                            {"DB_PASSWORD", "daemon-secret"}, {"LANG", "C.UTF-8"}};
  Setup() {
    app.id = 7;
    app.name = "Bank import";
    app.uuid = "0d9b5e5e-8b1a-4c7d-9f3e-0a1b2c3d4e5f";
    company.id = 3;
    company.slug = "acme";
    company.name = "Acme s.r.o.";
    runTemplate.id = 11;
    runTemplate.name = "nightly";
    facts.jobId = 42;
    facts.executor = "native";
    facts.workingDir = "/var/lib/multiflexi/jobs/42";
    facts.version = "0.1.0";
  }
  void field(const std::string& key, const std::string& defvalJson, const std::string& type = "string") {
    EnvField f;
    f.key = key;
    f.type = type;
    f.defvalJson = defvalJson;
    app.environment.push_back(f);
  }
  JobEnvironment build() { return jobEnvironment(app, company, runTemplate, facts, daemon); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(job_environment)

BOOST_AUTO_TEST_CASE(each_layer_overrides_the_ones_before_it) {
  // One key per layer boundary: which layer wins for each.
  Setup s;
  s.field("A", "\"app\"");
  s.field("B", "\"app\"");
  s.field("C", "\"app\"");
  s.field("D", "\"app\"");
  s.field("MULTIFLEXI_JOB_ID", "\"app\"");
  s.runTemplate.config = {{"B", "template"}, {"C", "template"}, {"D", "template"}};
  s.company.environment = {{"C", "company"}, {"D", "company"}, {"MULTIFLEXI_COMPANY_NAME", "company"}};
  s.facts.overrides = {{"D", "override"}, {"MULTIFLEXI_EXECUTOR", "override"}};
  JobEnvironment env = s.build();
  const auto& v = env.values();
  BOOST_TEST(v.at("A").value == "app");
  BOOST_TEST(v.at("B").value == "template");
  BOOST_TEST(v.at("C").value == "company");
  BOOST_TEST(v.at("D").value == "override");
  BOOST_TEST(v.at("MULTIFLEXI_JOB_ID").value == "42");               // injected beats everything but overrides
  BOOST_TEST(v.at("MULTIFLEXI_COMPANY_NAME").value == "Acme s.r.o.");  // injected beats company
  BOOST_TEST(v.at("MULTIFLEXI_EXECUTOR").value == "override");
  BOOST_TEST(v.at("D").source == "override");
  BOOST_TEST(v.at("C").source == "company");

  // Credentials sit between template configuration and company.
  JobEnvironment layered;
  layered.addTemplateConfig("T", "template", false);
  layered.addCredential("T", "credential", true);
  layered.addCredential("U", "credential", true);
  layered.addCompany("U", "company");
  BOOST_TEST(layered.values().at("T").value == "credential");
  BOOST_TEST(layered.values().at("U").value == "company");
}

BOOST_AUTO_TEST_CASE(injected_variables) {
  Setup s;
  const JobEnvironment env = s.build();
  const auto& v = env.values();
  BOOST_TEST(v.at("MULTIFLEXI_JOB_ID").value == "42");
  BOOST_TEST(v.at("MULTIFLEXI_APPLICATION_ID").value == "7");
  BOOST_TEST(v.at("MULTIFLEXI_APPLICATION_NAME").value == "Bank import");
  BOOST_TEST(v.at("MULTIFLEXI_APPLICATION_UUID").value == "0d9b5e5e-8b1a-4c7d-9f3e-0a1b2c3d4e5f");
  BOOST_TEST(v.at("MULTIFLEXI_COMPANY_ID").value == "3");
  BOOST_TEST(v.at("MULTIFLEXI_COMPANY_CODE").value == "acme");
  BOOST_TEST(v.at("MULTIFLEXI_COMPANY_NAME").value == "Acme s.r.o.");
  BOOST_TEST(v.at("MULTIFLEXI_RUNTEMPLATE_ID").value == "11");
  BOOST_TEST(v.at("MULTIFLEXI_RUNTEMPLATE_NAME").value == "nightly");
  BOOST_TEST(v.at("MULTIFLEXI_EXECUTOR").value == "native");
  BOOST_TEST(v.at("MULTIFLEXI_VERSION").value == "0.1.0");
  BOOST_TEST(v.at("MULTIFLEXI_TMP").value == "/var/lib/multiflexi/jobs/42");
}

BOOST_AUTO_TEST_CASE(only_the_allow_list_comes_from_the_daemon) {
  Setup s;
  s.runTemplate.config = {{"HOME", "/srv/acme"}};
  const JobEnvironment env = s.build();
  const auto& v = env.values();
  BOOST_TEST(v.at("PATH").value == "/usr/bin:/bin");
  BOOST_TEST(v.at("PATH").source == "daemon");
  BOOST_TEST(v.at("LANG").value == "C.UTF-8");
  BOOST_TEST(v.at("HOME").value == "/srv/acme");  // a layer set it: the daemon's is not used
  BOOST_TEST(!v.count("DB_PASSWORD"));
  BOOST_TEST(!v.count("TZ"));  // not in the daemon's environment here
}

BOOST_AUTO_TEST_CASE(macros_expand_in_one_pass_and_unknown_ones_stay) {
  Setup s;
  s.field("RESULT_FILE", "\"{MULTIFLEXI_TMP}/report-{MTR_DESTINATION}.json\"");
  s.field("MTR_DESTINATION", "\"example.com\"");
  s.field("NESTED", "\"{RESULT_FILE}\"");
  s.field("UNKNOWN", "\"{NO_SUCH_VAR}-{lower}\"");
  const JobEnvironment env = s.build();
  const auto& v = env.values();
  BOOST_TEST(v.at("RESULT_FILE").value == "/var/lib/multiflexi/jobs/42/report-example.com.json");
  // One pass over the original values: a macro inside a substituted value stays.
  BOOST_TEST(v.at("NESTED").value == "{MULTIFLEXI_TMP}/report-{MTR_DESTINATION}.json");
  BOOST_TEST(v.at("UNKNOWN").value == "{NO_SUCH_VAR}-{lower}");
}

BOOST_AUTO_TEST_CASE(defaults_convert_like_multiflexi) {
  EnvField f;
  f.type = "bool";
  f.defvalJson = "true";
  BOOST_TEST(*defaultValueText(f) == "1");
  f.defvalJson = "\"false\"";
  BOOST_TEST(*defaultValueText(f) == "0");
  f.type = "integer";
  f.defvalJson = "100";
  BOOST_TEST(*defaultValueText(f) == "100");
  f.type = "string";
  f.defvalJson = "null";
  BOOST_TEST(!defaultValueText(f).has_value());
  f.defvalJson.reset();
  BOOST_TEST(!defaultValueText(f).has_value());
}

BOOST_AUTO_TEST_CASE(secrets_stay_secret_whichever_layer_sets_them) {
  Setup s;
  EnvField token;
  token.key = "FIO_TOKEN";
  token.type = "password";
  s.app.environment.push_back(token);
  s.runTemplate.config = {{"FIO_TOKEN", "t0ps3cret"}, {"ACCOUNT", "2100"}};
  s.company.environment = {{"FIO_TOKEN", "c0mpany-secret"}};
  JobEnvironment env = s.build();
  BOOST_TEST(env.values().at("FIO_TOKEN").secret);
  BOOST_TEST(env.values().at("FIO_TOKEN").value == "c0mpany-secret");
  BOOST_TEST(!env.values().at("ACCOUNT").secret);
  BOOST_TEST((env.secretValues() == std::vector<std::string>{"c0mpany-secret"}));
}

BOOST_AUTO_TEST_SUITE_END()
