// Migrations, SQLite settings, repositories, relations, restarts.
#define BOOST_TEST_MODULE store
#include <boost/test/unit_test.hpp>

#include "TempDir.h"
#include "common/Exceptions.h"
#include "store/ApplicationRepository.h"
#include "store/CompanyRepository.h"
#include "store/Migrations.h"
#include "store/RunTemplateRepository.h"
#include "store/Sql.h"

#include <filesystem>

using namespace MultiFlexi;
using MultiFlexi::Testing::TempDir;
using namespace Poco::Data::Keywords;

namespace {

Application sampleApp(const std::string& name, const std::string& uuid) {
  Application a;
  a.name = name;
  a.nameJson = "\"" + name + "\"";
  a.descriptionJson = "\"a test application\"";
  a.uuid = uuid;
  a.executable = "/bin/true";
  a.environment.push_back(EnvField{"TOKEN", std::string("password"), {}, {}, {}, {}, true, {}, {}, {}});
  return a;
}

struct StoreFixture {
  TempDir dir;
  std::string path = dir.file("multiflexi.db");
  std::unique_ptr<Database> db = Database::openSqlite(path);

  int64_t company(const std::string& slug) {
    Company c;
    c.name = "Company " + slug;
    c.slug = slug;
    return CompanyRepository(*db).create(c);
  }
  int64_t app(const std::string& name) {
    return ApplicationRepository(*db).upsert(sampleApp(name, "00000000-0000-4000-8000-00000000000" + std::to_string(name.size()))).id;
  }
  int64_t runTemplate(int64_t appId, int64_t companyId) {
    RunTemplate t;
    t.name = "nightly";
    t.appId = appId;
    t.companyId = companyId;
    t.interval = 'd';
    return RunTemplateRepository(*db).create(t);
  }
  void insertJob(int64_t runtemplateId, int64_t companyId, int64_t appId) {
    Poco::Data::Session s = db->session();
    Sql::execute(s,
                 "INSERT INTO job (runtemplate_id, company_id, app_id, state, schedule_type, scheduled_for, "
                 "executor, created_at) VALUES (?, ?, ?, 'success', 'daily', 0, 'native', 0)",
                 {Sql::value(runtemplateId), Sql::value(companyId), Sql::value(appId)});
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store, StoreFixture)

BOOST_AUTO_TEST_CASE(a_new_database_is_migrated_and_configured) {
  BOOST_TEST(db->schemaVersion() == migrations().back().version);
  Poco::Data::Session s = db->session();
  std::string mode;
  int foreignKeys = 0;
  int busyTimeout = 0;
  s << "PRAGMA journal_mode", into(mode), now;
  s << "PRAGMA foreign_keys", into(foreignKeys), now;
  s << "PRAGMA busy_timeout", into(busyTimeout), now;
  BOOST_TEST(mode == "wal");
  BOOST_TEST(foreignKeys == 1);
  BOOST_TEST(busyTimeout > 0);
}

BOOST_AUTO_TEST_CASE(reopening_applies_nothing_twice) {
  db.reset();
  db = Database::openSqlite(path);
  Poco::Data::Session s = db->session();
  BOOST_TEST(Sql::scalar(s, "SELECT COUNT(*) FROM schema_version") == static_cast<int64_t>(migrations().size()));
}

BOOST_AUTO_TEST_CASE(a_database_newer_than_the_binary_is_refused) {
  {
    Poco::Data::Session s = db->session();
    s << "INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'from the future', 0)", now;
  }
  db.reset();
  BOOST_CHECK_EXCEPTION(Database::openSqlite(path), StoreException, [](const StoreException& e) {
    return e.message().find("has schema version 999, newer than this binary knows") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(timestamps_are_utc_milliseconds) {
  const Instant before = nowMs();
  const int64_t id = company("ts");
  const Company c = *CompanyRepository(*db).findById(id);
  BOOST_TEST(c.createdAt >= before);
  BOOST_TEST(c.createdAt <= nowMs());
  BOOST_TEST(formatInstant(1763863200123) == "2025-11-23T02:00:00.123Z");
}

BOOST_AUTO_TEST_CASE(environment_names_follow_the_policy_the_repositories_get) {
  Company c;
  c.name = "Loader";
  c.slug = "loader";
  c.environment["LD_LIBRARY_PATH"] = "/opt/lib";
  BOOST_CHECK_EXCEPTION(CompanyRepository(*db).create(c), ValidationException, [](const ValidationException& e) {
    return e.message().find("env: 'LD_LIBRARY_PATH' changes how programs are loaded") == 0;
  });
  const int64_t id = CompanyRepository(*db, EnvNamePolicy({"LD_LIBRARY_PATH"})).create(c);
  RunTemplate t;
  t.name = "t";
  t.appId = app("envapp");
  t.companyId = id;
  t.config["PS4"] = "$(touch /tmp/p)";
  BOOST_CHECK_EXCEPTION(RunTemplateRepository(*db).create(t), ValidationException, [](const ValidationException& e) {
    return e.message().find("config: 'PS4' changes") == 0;
  });
  BOOST_CHECK_NO_THROW(RunTemplateRepository(*db, EnvNamePolicy({"PS4"})).create(t));
}

BOOST_AUTO_TEST_CASE(a_store_that_does_not_exist_is_refused_when_it_may_not_be_created) {
  const std::string missing = dir.file("absent") + "/multiflexi.db";
  BOOST_CHECK_EXCEPTION(Database::openSqlite(missing, false), StoreException, [&](const StoreException& e) {
    return e.message().find("data directory " + dir.file("absent") + " does not exist (run a command that writes") == 0;
  });
  BOOST_TEST(!std::filesystem::exists(dir.file("absent")));
  BOOST_CHECK_NO_THROW(Database::openSqlite(path, false));  // exists: opens
}

BOOST_AUTO_TEST_CASE(companies_create_update_find_and_environment) {
  CompanyRepository companies(*db);
  Company c;
  c.name = "Acme s.r.o.";
  c.slug = "acme";
  c.ic = "12345678";
  c.environment = {{"ABRAFLEXI_COMPANY", "acme_s_r_o_"}};
  const int64_t id = companies.create(c);
  Company saved = *companies.findBySlug("ACME");  // slugs compare case-insensitively
  BOOST_TEST(saved.id == id);
  BOOST_TEST(saved.environment.at("ABRAFLEXI_COMPANY") == "acme_s_r_o_");
  BOOST_TEST(companies.findByIc("12345678")->id == id);
  saved.enabled = false;
  saved.environment["EXTRA"] = "1";
  companies.update(saved);
  const Company updated = *companies.findById(id);
  BOOST_TEST(!updated.enabled);
  BOOST_TEST(updated.environment.size() == 2u);
  BOOST_TEST(companies.list(10, 0).size() == 1u);
  BOOST_TEST(companies.list(10, 1).empty());
}

BOOST_AUTO_TEST_CASE(a_taken_slug_is_refused_naming_the_field) {
  company("acme");
  Company other;
  other.name = "Other";
  other.slug = "Acme";
  BOOST_CHECK_EXCEPTION(CompanyRepository(*db).create(other), ConflictException, [](const ConflictException& e) {
    return e.message() == "slug: 'Acme' is already taken";
  });
}

BOOST_AUTO_TEST_CASE(run_templates_keep_their_configuration) {
  const int64_t c = company("acme");
  const int64_t a = app("importer");
  RunTemplateRepository templates(*db);
  RunTemplate t;
  t.name = "Bank import";
  t.appId = a;
  t.companyId = c;
  t.interval = 'c';
  t.cron = "30 2 * * 1-5";
  t.timeZone = "Europe/Prague";
  t.delaySeconds = 30;
  t.misfire = MisfirePolicy::Skip;
  t.config = {{"ACCOUNT", "2100000000"}, {"DAYS", "1"}};
  const int64_t id = templates.create(t);
  RunTemplate saved = *templates.findById(id);
  BOOST_TEST(saved.interval == 'c');
  BOOST_TEST(*saved.cron == "30 2 * * 1-5");
  BOOST_TEST(*saved.timeZone == "Europe/Prague");
  BOOST_TEST(misfireName(saved.misfire) == "skip");
  BOOST_TEST(saved.config.at("ACCOUNT") == "2100000000");
  saved.config.erase("DAYS");
  saved.active = false;
  templates.update(saved);
  BOOST_TEST(templates.findById(id)->config.size() == 1u);
  BOOST_TEST(!templates.findById(id)->active);
  BOOST_TEST(templates.list(RunTemplateFilter{.companyId = c, .appId = std::nullopt, .companyIds = std::nullopt, .order = std::nullopt, .limit = 10, .offset = 0}).size() == 1u);
  BOOST_TEST(templates.list(RunTemplateFilter{.companyId = c + 100, .appId = std::nullopt, .companyIds = std::nullopt, .order = std::nullopt, .limit = 10, .offset = 0}).empty());
}

BOOST_AUTO_TEST_CASE(a_run_template_needs_an_existing_application_and_company) {
  const int64_t c = company("acme");
  RunTemplate t;
  t.name = "orphan";
  t.appId = 42;
  t.companyId = c;
  BOOST_CHECK_EXCEPTION(RunTemplateRepository(*db).create(t), ValidationException, [](const ValidationException& e) {
    return e.message() == "app_id: no application with id 42";
  });
}

BOOST_AUTO_TEST_CASE(deleting_what_has_history_is_refused_naming_the_dependents) {
  const int64_t c = company("acme");
  const int64_t a = app("importer");
  const int64_t t = runTemplate(a, c);
  BOOST_CHECK_EXCEPTION(ApplicationRepository(*db).remove(a), ConflictException, [&](const ConflictException& e) {
    return e.message().find("is used by 1 run template(s) (id " + std::to_string(t) + ")") != std::string::npos;
  });
  BOOST_CHECK_EXCEPTION(CompanyRepository(*db).remove(c), ConflictException, [](const ConflictException& e) {
    return e.message().find("has 1 run template(s)") != std::string::npos;
  });
  insertJob(t, c, a);
  BOOST_CHECK_EXCEPTION(RunTemplateRepository(*db).remove(t), ConflictException, [](const ConflictException& e) {
    return e.message().find("has 1 job(s) in its history: deactivate it instead") != std::string::npos;
  });
  BOOST_CHECK_EXCEPTION(CompanyRepository(*db).remove(c), ConflictException, [](const ConflictException& e) {
    return e.message().find("has 1 job(s) in its history: disable it instead") != std::string::npos;
  });
  // The data is all still there.
  BOOST_TEST(ApplicationRepository(*db).findById(a).has_value());
  BOOST_TEST(RunTemplateRepository(*db).findById(t).has_value());
}

BOOST_AUTO_TEST_CASE(deleting_what_has_no_history_works_and_cascades_children) {
  const int64_t c = company("acme");
  const int64_t a = app("importer");
  const int64_t t = runTemplate(a, c);
  RunTemplateRepository(*db).remove(t);
  ApplicationRepository(*db).remove(a);
  CompanyRepository(*db).remove(c);
  Poco::Data::Session s = db->session();
  BOOST_TEST(Sql::scalar(s, "SELECT COUNT(*) FROM app_env_field") == 0);
  BOOST_TEST(Sql::scalar(s, "SELECT COUNT(*) FROM runtemplate_config") == 0);
  BOOST_CHECK_THROW(CompanyRepository(*db).remove(c), NotFoundException);
}

BOOST_AUTO_TEST_CASE(a_failed_upsert_leaves_nothing_behind) {
  Application broken = sampleApp("broken", "11111111-1111-4111-8111-111111111111");
  broken.environment.push_back(broken.environment.front());  // duplicate key: the children insert fails
  BOOST_CHECK_THROW(ApplicationRepository(*db).upsert(broken), Poco::Exception);
  BOOST_TEST(ApplicationRepository(*db).count() == 0);
}

BOOST_AUTO_TEST_CASE(a_name_taken_by_another_uuid_is_a_conflict) {
  ApplicationRepository apps(*db);
  apps.upsert(sampleApp("importer", "22222222-2222-4222-8222-222222222222"));
  BOOST_CHECK_EXCEPTION(apps.upsert(sampleApp("importer", "33333333-3333-4333-8333-333333333333")),
                        ConflictException, [](const ConflictException& e) {
                          return e.message().find("two applications cannot share a name") != std::string::npos;
                        });
}

BOOST_AUTO_TEST_CASE(everything_survives_a_restart) {
  const int64_t c = company("acme");
  const int64_t a = app("importer");
  const int64_t t = runTemplate(a, c);
  db.reset();
  db = Database::openSqlite(path);
  BOOST_TEST(CompanyRepository(*db).findById(c)->slug == "acme");
  BOOST_TEST(ApplicationRepository(*db).findById(a)->environment.size() == 1u);
  BOOST_TEST(RunTemplateRepository(*db).findById(t)->name == "nightly");
}

BOOST_AUTO_TEST_SUITE_END()
