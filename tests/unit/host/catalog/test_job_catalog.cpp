// Jobs through the rule layer: ad-hoc runs of a run template (active only,
// environment names checked), lookups, artifacts, cancels.
#include <boost/test/unit_test.hpp>

#include "CatalogFixture.h"
#include "catalog/ApplicationCatalog.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/JobCatalog.h"
#include "catalog/RunTemplateCatalog.h"
#include "store/AuditRepository.h"
#include "store/JobRepository.h"
#include "store/Transaction.h"

#include <algorithm>
#include <cstdint>

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

BOOST_FIXTURE_TEST_CASE(cancelling_a_pending_job_ends_it_at_once, Jobs) {
  const Job job = catalog->jobs().schedule(now());
  woken.clear();
  const Job cancelled = catalog->jobs().cancel(job.id, "alice");
  BOOST_TEST(jobStateName(cancelled.state) == "cancelled");
  BOOST_TEST(cancelled.outcome.value_or("") == "cancelled");
  BOOST_TEST(cancelled.message.value_or("") == "cancelled by alice");
  BOOST_TEST(cancelled.endAt.has_value());
  BOOST_TEST(woken.empty());  // no executor has anything to do
  BOOST_TEST(catalog->jobs().queue(10, 0).empty());
  // Ended now: a second cancel is a conflict naming the state.
  const auto again = thrown<ConflictException>([&] { catalog->jobs().cancel(job.id, "bob"); });
  BOOST_TEST(again.message().find("has already ended (cancelled)") != std::string::npos, again.message());
}

BOOST_FIXTURE_TEST_CASE(cancelling_a_running_job_records_a_request_and_wakes_executors, Jobs) {
  const Job job = catalog->jobs().schedule(now());
  inTransaction(catalog->database(), [&](Poco::Data::Session& s) {
    JobRepository(catalog->database()).claimDue(s, "exec-1", nowMs() + 10'000, nowMs() + 60'000, 1);
  });
  woken.clear();
  const Job requested = catalog->jobs().cancel(job.id, "alice");
  BOOST_TEST(jobStateName(requested.state) == "running");
  BOOST_TEST(requested.cancelRequestedAt.has_value());
  BOOST_TEST(requested.cancelRequestedBy.value_or("") == "alice");
  BOOST_TEST(woken.size() == 1u);
  BOOST_TEST((woken.front() == Change::Jobs));
  // Idempotent while it runs.
  const Job twice = catalog->jobs().cancel(job.id, "bob");
  BOOST_TEST(jobStateName(twice.state) == "running");
  BOOST_TEST(twice.cancelRequestedBy.value_or("") == "alice");
  BOOST_TEST((twice.cancelRequestedAt == requested.cancelRequestedAt));
  // Each cancel is in the audit trail with its company.
  const auto events = AuditRepository(catalog->database()).list(10);
  const auto cancels = std::count_if(events.begin(), events.end(), [&](const AuditEvent& e) {
    return e.action == "job.cancel" && e.subject == "job " + std::to_string(job.id) &&
           e.companyId.value_or(0) == job.companyId && e.detail.value_or("") == "running: stop requested";
  });
  BOOST_TEST(cancels == 2);
}

BOOST_FIXTURE_TEST_CASE(cancelling_an_ended_or_missing_job_is_refused, Jobs) {
  const Job job = catalog->jobs().schedule(now());
  inTransaction(catalog->database(), [&](Poco::Data::Session& s) {
    JobRepository jobs(catalog->database());
    jobs.claimDue(s, "exec-1", nowMs() + 10'000, nowMs() + 60'000, 1);
    jobs.finish(s, job.id, "exec-1", JobEnd{JobState::Success, "exited", 0, std::nullopt, "", nowMs()});
  });
  const auto ended = thrown<ConflictException>([&] { catalog->jobs().cancel(job.id, "alice"); });
  BOOST_TEST(ended.message() == "job " + std::to_string(job.id) +
                                    " has already ended (success): only a pending or running job can be cancelled");
  BOOST_TEST(jobStateName(catalog->jobs().get(job.id).state) == "success");
  BOOST_TEST(thrown<NotFoundException>([&] { catalog->jobs().cancel(4242, "alice"); }).message() ==
             "no job with id 4242");
  BOOST_CHECK_THROW(catalog->jobs().cancel(-1, "alice"), NotFoundException);
  BOOST_CHECK_THROW(catalog->jobs().cancel(INT64_MAX, "alice"), NotFoundException);
}
