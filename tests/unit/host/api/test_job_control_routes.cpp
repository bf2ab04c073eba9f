// POST /job/{jobId}/cancel called as the router would: the caller's role in
// the job's company decides (unseen is missing, viewer is forbidden), a
// pending job is cancelled at once (200), a running one gets a request (202),
// an ended one is a conflict; hostile path ids are refused naming jobId.
#include <boost/test/unit_test.hpp>

#include "Seed.h"
#include "TempDir.h"
#include "Thrown.h"
#include "api/JobControlRoutes.h"
#include "catalog/Catalog.h"
#include "catalog/JobCatalog.h"
#include "common/Exceptions.h"
#include "store/JobRepository.h"
#include "store/Transaction.h"

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {

struct Routes {
  TempDir dir;
  std::vector<Change> woken;
  std::unique_ptr<Catalog> catalog;
  int64_t acme = 0;
  int64_t other = 0;
  int64_t templateId = 0;

  Routes() {
    CatalogHost host;
    host.notify = [this](Change change) { woken.push_back(change); };
    catalog = Catalog::open(dir.file("multiflexi.db"), dir.file("multiflexi.key"), true, std::move(host));
    Database& db = catalog->database();
    acme = seedCompany(db, "acme");
    other = seedCompany(db, "other");
    templateId = seedTemplate(db, templateOf(seedApp(db, appRunning("sleeper", "/bin/sleep", "30")), acme, 'n'));
  }

  int64_t pendingJob() {
    const Job j = adhocJob(*RunTemplateRepository(catalog->database()).findById(templateId), nowMs(), "adhoc-api");
    return inTransaction(catalog->database(),
                         [&](Poco::Data::Session& s) { return JobRepository(catalog->database()).createAdhoc(s, j, {}); });
  }
  int64_t runningJob() {
    const int64_t id = pendingJob();
    inTransaction(catalog->database(), [&](Poco::Data::Session& s) {
      JobRepository(catalog->database()).claimDue(s, "exec-1", nowMs() + 10'000, nowMs() + 60'000, 64);
    });
    return id;
  }
  static Caller withRole(int64_t company, CompanyRole role) {
    Caller c;
    c.userId = 7;
    c.name = "alice";
    c.roles[company] = role;
    return c;
  }
  ApiResponse cancel(const std::optional<Caller>& caller, const std::string& jobId) {
    ApiRequest request;
    request.caller = caller;
    request.path["jobId"] = jobId;
    return cancelJob(*catalog, request);
  }
  JobState state(int64_t id) { return catalog->jobs().get(id).state; }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(job_control_routes, Routes)

BOOST_AUTO_TEST_CASE(the_route_is_a_post_under_the_job) {
  const auto routes = jobControlRoutes();
  BOOST_REQUIRE_EQUAL(routes.size(), 1u);
  BOOST_TEST(routes[0].method == "POST");
  BOOST_TEST(routes[0].path == "/job/{jobId}/cancel");
  BOOST_TEST(routes[0].suffix);
  BOOST_TEST(routes[0].authenticated);
  BOOST_TEST(static_cast<bool>(routes[0].handler));
}

BOOST_AUTO_TEST_CASE(an_operator_cancels_a_pending_job_at_once) {
  const int64_t id = pendingJob();
  const ApiResponse r = cancel(withRole(acme, CompanyRole::Operator), std::to_string(id));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.body["id"].get<int64_t>() == id);
  BOOST_TEST(r.body["status"].get<std::string>() == "cancelled");
  BOOST_TEST(r.body["message"].get<std::string>() == "cancelled by alice");
  BOOST_TEST((state(id) == JobState::Cancelled));
}

BOOST_AUTO_TEST_CASE(a_running_job_gets_a_request_and_202) {
  const int64_t id = runningJob();
  const ApiResponse r = cancel(withRole(acme, CompanyRole::Editor), std::to_string(id));
  BOOST_TEST(r.status == 202);
  BOOST_TEST(r.body["status"].get<std::string>() == "running");
  BOOST_TEST(r.body["cancel_requested_by"].get<std::string>() == "alice");
  BOOST_TEST(!r.body["cancel_requested_at"].is_null());
  BOOST_TEST(woken.size() == 1u);
  BOOST_TEST(cancel(withRole(acme, CompanyRole::Operator), std::to_string(id)).status == 202);  // idempotent
  Caller admin = Caller::localAdmin("root");
  BOOST_TEST(cancel(admin, std::to_string(id)).status == 202);
}

BOOST_AUTO_TEST_CASE(an_unseen_job_is_missing_and_a_viewer_is_forbidden) {
  const int64_t id = runningJob();
  const auto unseen = thrown<NotFoundException>([&] { cancel(withRole(other, CompanyRole::Editor), std::to_string(id)); });
  const auto missing = thrown<NotFoundException>([&] { cancel(withRole(acme, CompanyRole::Editor), "424242"); });
  BOOST_TEST(unseen.message() == "no job with id " + std::to_string(id));
  BOOST_TEST(missing.message() == "no job with id 424242");
  const auto viewer = thrown<ForbiddenException>([&] { cancel(withRole(acme, CompanyRole::Viewer), std::to_string(id)); });
  BOOST_TEST(viewer.field() == "jobId");
  BOOST_TEST(!catalog->jobs().get(id).cancelRequestedAt.has_value());  // nothing changed
  BOOST_CHECK_THROW(cancel(std::nullopt, std::to_string(id)), UnauthorizedException);
  BOOST_TEST(woken.empty());
}

BOOST_AUTO_TEST_CASE(an_ended_job_is_a_conflict) {
  const int64_t id = pendingJob();
  cancel(withRole(acme, CompanyRole::Operator), std::to_string(id));
  const auto e = thrown<ConflictException>([&] { cancel(withRole(acme, CompanyRole::Operator), std::to_string(id)); });
  BOOST_TEST(e.message().find("has already ended (cancelled)") != std::string::npos, e.message());
}

BOOST_AUTO_TEST_CASE(hostile_ids_are_refused_naming_the_field_and_change_nothing) {
  const int64_t id = pendingJob();
  const std::string idText = std::to_string(id);
  for (const std::string& hostile :
       {std::string("abc"), std::string("-1"), std::string("0"), std::string(""), std::string("+1"),
        std::string(" 1"), std::string("1 "), std::string("0x1"), std::string("1e3"), std::string("1.0"),
        std::string("9223372036854775808"), std::string("99999999999999999999999"), std::string(10'000, '9'),
        idText + std::string(1, '\0'), std::string(1, '\0') + idText, idText + "; DROP TABLE job; --",
        idText + "' OR '1'='1"}) {
    const auto e = thrown<ValidationException>([&] { cancel(withRole(acme, CompanyRole::Operator), hostile); });
    BOOST_TEST(e.field() == "jobId");
    if (hostile.size() >= 5) BOOST_TEST(e.message().find(hostile) == std::string::npos);  // never echoed
  }
  // No path parameter at all.
  ApiRequest bare;
  bare.caller = withRole(acme, CompanyRole::Operator);
  BOOST_TEST(thrown<ValidationException>([&] { cancelJob(*catalog, bare); }).field() == "jobId");
  BOOST_TEST((state(id) == JobState::Pending));
  BOOST_TEST(catalog->jobs().list(JobFilter{}).size() == 1u);
  // The largest id is well formed: it is simply not there.
  BOOST_CHECK_THROW(cancel(withRole(acme, CompanyRole::Operator), "9223372036854775807"), NotFoundException);
}

BOOST_AUTO_TEST_SUITE_END()
