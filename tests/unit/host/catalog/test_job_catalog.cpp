// Jobs through the rule layer: ad-hoc runs of a run template (active only,
// environment names checked), lookups, artifacts.
#include <boost/test/unit_test.hpp>

#include "CatalogFixture.h"
#include "catalog/ApplicationCatalog.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/JobCatalog.h"
#include "catalog/RunTemplateCatalog.h"
#include "store/JobRepository.h"

using namespace MultiFlexi;
using MultiFlexi::Testing::thrown;

namespace {

struct Jobs : MultiFlexi::Testing::CatalogFixture {
  int64_t templateId = 0;

  Jobs() {
    CompanyChanges c;
    c.name = "Acme";
    c.slug = "acme";
    catalog->companies().create(c);
    catalog->applications().importPath(std::string(MFX_FIXTURES_DIR) +
                                       "/multiflexi/apps/Spoje-NET__pohoda-raiffeisenbank__pohoda-bank-transaction-report.app.json");
    RunTemplateChanges t;
    t.name = "report";
    t.appId = catalog->applications().list(1, 0).front().id;
    t.company = "acme";
    templateId = catalog->runTemplates().create(t).id;
    woken.clear();
  }

  AdhocRun now() const {
    AdhocRun run;
    run.runtemplateId = templateId;
    run.due = nowMs();
    run.launchedBy = "tester";
    return run;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(an_adhoc_run_queues_one_job_with_its_environment_and_wakes_executors, Jobs) {
  AdhocRun run = now();
  run.environment = {{"config", {{"A", "1"}}}, {"env", {{"A", "2"}, {"B", "3"}}}};
  const Job job = catalog->jobs().schedule(run);
  BOOST_TEST(job.id > 0);
  BOOST_TEST((job.state == JobState::Pending));
  BOOST_TEST(job.scheduleType == "adhoc-cli");
  BOOST_TEST(job.executor == "native");
  BOOST_TEST(job.launchedBy.value_or("") == "tester");
  BOOST_TEST(woken.size() == 1u);
  BOOST_TEST((woken.front() == Change::Jobs));
  const auto overrides = JobRepository(catalog->database()).overrides(job.id);
  BOOST_TEST(overrides.at("A") == "2");  // env wins over config, as in MultiFlexi
  BOOST_TEST(overrides.at("B") == "3");

  run.due = nowMs() + 3'600'000;
  run.executor = "podman";
  const Job later = catalog->jobs().schedule(run);
  BOOST_TEST(later.scheduleType == "CommandLine");
  BOOST_TEST(later.executor == "podman");
  BOOST_TEST(catalog->jobs().queue(10, 0).size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(an_adhoc_run_is_refused_with_its_reason, Jobs) {
  AdhocRun run = now();
  run.environment = {{"env", {{"LD_PRELOAD", "/tmp/evil.so"}}}};
  const auto e = thrown<ValidationException>([&] { catalog->jobs().schedule(run); });
  BOOST_TEST(e.field() == "env");

  run = now();
  run.runtemplateId = templateId + 100;
  BOOST_CHECK_THROW(catalog->jobs().schedule(run), NotFoundException);

  RunTemplateChanges off;
  off.active = false;
  catalog->runTemplates().update(templateId, off);
  const auto inactive = thrown<ConflictException>([&] { catalog->jobs().schedule(now()); });
  BOOST_TEST(inactive.message().find("is inactive") != std::string::npos, inactive.message());
  BOOST_TEST(catalog->jobs().list(JobFilter{}).empty());  // nothing refused was queued
}

BOOST_FIXTURE_TEST_CASE(missing_jobs_and_artifacts_are_not_found, Jobs) {
  BOOST_TEST(thrown<NotFoundException>([&] { catalog->jobs().get(4242); }).message() == "no job with id 4242");
  BOOST_TEST(thrown<NotFoundException>([&] { catalog->jobs().artifact(7); }).message() == "no artifact with id 7");
  BOOST_TEST(catalog->jobs().artifacts(std::nullopt, 10, 0).empty());
  const Job job = catalog->jobs().schedule(now());
  BOOST_TEST(catalog->jobs().get(job.id).runtemplateId.value_or(0) == templateId);
  BOOST_TEST(catalog->jobs().output(job.id).empty());
  BOOST_TEST(catalog->jobs().countByState().at(JobState::Pending) == 1);
}
