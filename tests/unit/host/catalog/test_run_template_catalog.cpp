// Run templates through the rule layer: references by uuid and slug, the
// executor's can_run, changes, and errors that carry their field.
#define BOOST_TEST_MODULE catalog
#include <boost/test/unit_test.hpp>

#include "CatalogFixture.h"
#include "SqlCredential.h"
#include "catalog/ApplicationCatalog.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/CredentialCatalog.h"
#include "catalog/SecurityCatalog.h"
#include "catalog/RunTemplateCatalog.h"
#include "store/Sql.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::thrown;

namespace {

struct RunTemplates : MultiFlexi::Testing::CatalogFixture {
  int64_t companyId = 0;
  Application app;

  RunTemplates() {
    CompanyChanges c;
    c.name = "Acme";
    c.slug = "acme";
    companyId = catalog->companies().create(c).id;
    catalog->applications().importPath(manifestFile());
    app = catalog->applications().list(10, 0).front();
  }

  static std::string manifestFile() {
    return std::string(MFX_FIXTURES_DIR) +
           "/multiflexi/apps/Spoje-NET__pohoda-raiffeisenbank__pohoda-bank-transaction-report.app.json";
  }

  RunTemplateChanges daily(const std::string& name) const {
    RunTemplateChanges c;
    c.name = name;
    c.appUuid = app.uuid;
    c.company = "acme";
    c.interval = "d";
    return c;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(create_resolves_uuid_and_slug_and_wakes_the_scheduler, RunTemplates) {
  const RunTemplate t = catalog->runTemplates().create(daily("nightly"));
  BOOST_TEST(t.id > 0);
  BOOST_TEST(t.appId == app.id);
  BOOST_TEST(t.companyId == companyId);
  BOOST_TEST(t.interval == 'd');
  BOOST_TEST(t.executor == "native");
  BOOST_TEST(woken.size() == 1u);
  BOOST_TEST((woken.front() == Change::Templates));
}

BOOST_FIXTURE_TEST_CASE(a_company_that_does_not_exist_is_named_by_its_field, RunTemplates) {
  RunTemplateChanges c = daily("x");
  c.company = "nobody";
  const auto e = thrown<ValidationException>([&] { catalog->runTemplates().create(c); });
  BOOST_TEST(e.field() == "company");
  BOOST_TEST(e.reason() == "no company with slug 'nobody'");
  c.company = "999";
  BOOST_TEST(thrown<ValidationException>([&] { catalog->runTemplates().create(c); }).reason() ==
             "no company with id 999");
  BOOST_TEST(catalog->runTemplates().list({}).empty());
  BOOST_TEST(woken.empty());
}

BOOST_FIXTURE_TEST_CASE(an_application_is_required_and_must_exist, RunTemplates) {
  RunTemplateChanges c = daily("x");
  c.appUuid.reset();
  BOOST_TEST(thrown<ValidationException>([&] { catalog->runTemplates().create(c); }).field() == "app_id");
  c.appUuid = "00000000-0000-0000-0000-000000000000";
  const auto e = thrown<ValidationException>([&] { catalog->runTemplates().create(c); });
  BOOST_TEST(e.field() == "app_uuid");
  BOOST_TEST(e.reason() == "no application with uuid 00000000-0000-0000-0000-000000000000");
}

BOOST_FIXTURE_TEST_CASE(can_run_asks_an_executor_about_a_template_without_changing_it, RunTemplates) {
  const RunTemplate t = catalog->runTemplates().create(daily("nightly"));
  const ExecutorVerdict native = catalog->runTemplates().canRun(t.id, std::nullopt);
  BOOST_TEST(native.executor == "native");
  BOOST_TEST(!native.refusal);
  const ExecutorVerdict podman = catalog->runTemplates().canRun(t.id, std::string("podman"));
  BOOST_TEST(podman.executor == "podman");
  BOOST_REQUIRE(podman.refusal);
  BOOST_TEST(podman.refusal->find("application '" + app.name + "'") == 0, *podman.refusal);
  BOOST_TEST(thrown<ValidationException>([&] { catalog->runTemplates().canRun(t.id, std::string("nope")); }).field() ==
             "executor");
  BOOST_CHECK_THROW(catalog->runTemplates().canRun(t.id + 100, std::nullopt), NotFoundException);
  BOOST_TEST(catalog->runTemplates().get(t.id).executor == "native");
}

BOOST_FIXTURE_TEST_CASE(credential_requirements_list_the_applications_then_the_extra_bindings, RunTemplates) {
  const RunTemplate t = catalog->runTemplates().create(daily("nightly"));
  auto& credentials = catalog->credentials();
  const int64_t prototype = credentials.importPrototype(Testing::sqlPrototype()).id;
  const int64_t type = credentials.createType(Testing::sqlType(companyId, prototype));
  const int64_t credential = credentials.createCredential(Testing::sqlCredential(companyId, type));
  auto requirements = catalog->runTemplates().credentialRequirements(t.id);
  BOOST_REQUIRE_EQUAL(requirements.size(), 1u);
  BOOST_TEST(requirements[0].kind == "MServer");
  BOOST_TEST(!requirements[0].binding);
  catalog->runTemplates().assignCredential(t.id, credential, std::string("mserver"), false);
  catalog->runTemplates().assignCredential(t.id, credential, std::nullopt, true);  // SQL: not the application's
  requirements = catalog->runTemplates().credentialRequirements(t.id);
  BOOST_REQUIRE_EQUAL(requirements.size(), 2u);
  BOOST_TEST(requirements[0].kind == "MServer");
  BOOST_REQUIRE(requirements[0].binding);
  BOOST_TEST(requirements[0].binding->credentialId == credential);
  BOOST_TEST(!requirements[0].extra);
  BOOST_TEST(requirements[1].extra);
  BOOST_TEST(requirements[1].binding->credentialName == "db");
  BOOST_CHECK_THROW(catalog->runTemplates().credentialRequirements(t.id + 100), NotFoundException);
}

BOOST_FIXTURE_TEST_CASE(an_executor_that_cannot_run_the_application_refuses_it_before_anything_is_saved,
                        RunTemplates) {
  RunTemplateChanges c = daily("in a container");
  c.executor = "podman";  // the application has no ociimage
  const auto e = thrown<ValidationException>([&] { catalog->runTemplates().create(c); });
  BOOST_TEST(e.field() == "executor");
  BOOST_TEST(e.reason().find("executor 'podman' cannot run application '" + app.name + "'") == 0, e.reason());
  BOOST_TEST(catalog->runTemplates().list({}).empty());

  c.ociimage = "docker.io/library/busybox";  // the template's own image makes it runnable
  BOOST_TEST(catalog->runTemplates().create(c).executor == "podman");

  c.executor = "no-such-executor";
  c.name = "other";
  BOOST_TEST(thrown<ValidationException>([&] { catalog->runTemplates().create(c); }).field() == "executor");
}

BOOST_FIXTURE_TEST_CASE(changes_follow_the_cron_and_interval_rules, RunTemplates) {
  const int64_t id = catalog->runTemplates().create(daily("t")).id;
  RunTemplateChanges cron;
  cron.cron = "30 2 * * *";
  cron.config = {{"ACCOUNT", "1"}};
  RunTemplate t = catalog->runTemplates().update(id, cron);
  BOOST_TEST(t.interval == 'c');  // a cron without an interval makes it custom
  BOOST_TEST(*t.cron == "30 2 * * *");
  BOOST_TEST(t.config.at("ACCOUNT") == "1");

  RunTemplateChanges hourly;
  hourly.interval = "h";
  hourly.unsetConfig = {"ACCOUNT"};
  t = catalog->runTemplates().update(id, hourly);
  BOOST_TEST(t.interval == 'h');
  BOOST_TEST(!t.cron);  // an interval other than c drops the cron
  BOOST_TEST(t.config.empty());

  RunTemplateChanges unset;
  unset.unsetConfig = {"NOPE"};
  const auto e = thrown<ValidationException>([&] { catalog->runTemplates().update(id, unset); });
  BOOST_TEST(e.field() == "unset-config");
  RunTemplateChanges delay;
  delay.delaySeconds = 90000;
  BOOST_TEST(thrown<ValidationException>([&] { catalog->runTemplates().update(id, delay); }).field() == "delay");
  RunTemplateChanges badCron;
  badCron.cron = "61 * * * *";
  BOOST_TEST(thrown<ValidationException>([&] { catalog->runTemplates().update(id, badCron); }).field() == "cron");
  BOOST_TEST(catalog->runTemplates().get(id).interval == 'h');  // nothing of a refused change was kept
}

BOOST_FIXTURE_TEST_CASE(lookups_and_deletion, RunTemplates) {
  const int64_t id = catalog->runTemplates().create(daily("by name")).id;
  BOOST_TEST(catalog->runTemplates().getByName("by name").id == id);
  RunTemplateQuery query;
  query.company = "acme";
  BOOST_TEST(catalog->runTemplates().list(query).size() == 1u);
  query.company = "nobody";
  BOOST_TEST(thrown<ValidationException>([&] { catalog->runTemplates().list(query); }).field() == "company");
  catalog->runTemplates().remove(id);
  const auto e = thrown<NotFoundException>([&] { catalog->runTemplates().get(id); });
  BOOST_TEST(e.field().empty());
  BOOST_TEST(e.message() == "no run template with id " + std::to_string(id));
  BOOST_CHECK_THROW(catalog->runTemplates().getByName("by name"), NotFoundException);
}

BOOST_FIXTURE_TEST_CASE(a_value_sealed_under_one_application_stays_sealed_under_another, RunTemplates) {
  // The same program, but its manifest declares ACCOUNT_NUMBER a password.
  OrderedJson manifest = ManifestValidator::readJson(manifestFile());
  manifest["uuid"] = "6f1c2a4e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
  manifest["name"] = app.name + " (secret account)";
  manifest["environment"]["ACCOUNT_NUMBER"]["type"] = "password";
  const Application secretApp = catalog->applications().importManifest(manifest).first;
  const std::string account = "CZ6508000000192000145399";
  RunTemplateChanges c = daily("sealed");
  c.appUuid = secretApp.uuid;
  c.config = {{"ACCOUNT_NUMBER", account}, {"REPORT_SCOPE", "auto"}};
  const int64_t id = catalog->runTemplates().create(c).id;
  BOOST_TEST(catalog->runTemplates().get(id).secretConfig.count("ACCOUNT_NUMBER") == 1u);

  RunTemplateChanges move;
  move.appUuid = app.uuid;  // its manifest says ACCOUNT_NUMBER is plain text
  const RunTemplate moved = catalog->runTemplates().update(id, move);
  BOOST_TEST(moved.appId == app.id);
  BOOST_TEST(moved.secretConfig.count("ACCOUNT_NUMBER") == 1u);  // still masked wherever it is shown
  BOOST_TEST(moved.config.at("ACCOUNT_NUMBER") == account);      // and nothing is lost
  BOOST_TEST(moved.secretConfig.count("REPORT_SCOPE") == 0u);

  RunTemplateChanges other;  // a later change of another value keeps it sealed too
  other.config = {{"REPORT_SCOPE", "last_month"}};
  BOOST_TEST(catalog->runTemplates().update(id, other).secretConfig.count("ACCOUNT_NUMBER") == 1u);
  Poco::Data::Session s = catalog->database().session();
  auto rs = Sql::query(s, "SELECT value, key_version FROM runtemplate_config WHERE runtemplate_id = ? AND name = ?",
                       {Sql::value(id), Sql::value(std::string("ACCOUNT_NUMBER"))});
  BOOST_REQUIRE(rs.rowCount() == 1u);
  BOOST_TEST(Sql::optInteger(rs, "key_version", 0).has_value());
  BOOST_TEST(Sql::text(rs, "value", 0).find(account) == std::string::npos);

  RunTemplateChanges unset;  // removed on purpose and set again, it follows the application that is now
  unset.unsetConfig = {"ACCOUNT_NUMBER"};
  catalog->runTemplates().update(id, unset);
  RunTemplateChanges again;
  again.config = {{"ACCOUNT_NUMBER", "1"}};
  BOOST_TEST(catalog->runTemplates().update(id, again).secretConfig.count("ACCOUNT_NUMBER") == 0u);
}

BOOST_FIXTURE_TEST_CASE(taking_a_credential_away_is_audited, RunTemplates) {
  const int64_t id = catalog->runTemplates().create(daily("with a credential")).id;
  CredentialCatalog& credentials = catalog->credentials();
  const int64_t prototypeId = credentials.importPrototype(Testing::sqlPrototype()).id;
  const int64_t typeId = credentials.createType(Testing::sqlType(companyId, prototypeId));
  const int64_t credentialId = credentials.createCredential(Testing::sqlCredential(companyId, typeId));
  catalog->runTemplates().assignCredential(id, credentialId, std::string("SQL"), true);
  catalog->runTemplates().unassignCredential(id, credentialId);
  BOOST_TEST(credentials.credentials().bindings(id).empty());
  BOOST_CHECK_THROW(catalog->runTemplates().unassignCredential(id, credentialId), NotFoundException);
  const auto trail = catalog->security().auditTrail(1);
  BOOST_REQUIRE(trail.size() == 1u);
  BOOST_TEST(trail[0].action == "runtemplate.credential.unassign");
  BOOST_TEST(trail[0].subject == "run template " + std::to_string(id));
  BOOST_TEST(trail[0].companyId.value_or(0) == companyId);
  BOOST_TEST(trail[0].detail.value_or("") == "credential " + std::to_string(credentialId));
}
