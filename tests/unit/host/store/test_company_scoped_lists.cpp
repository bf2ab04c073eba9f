// Listings limited to a set of companies (a caller's visible ones) and
// ordered by a known column: the filter is in the query, before the page.
#include <boost/test/unit_test.hpp>

#include "Seed.h"
#include "TempDir.h"
#include "store/CompanyRepository.h"
#include "store/CredentialRepository.h"
#include "store/JobRepository.h"
#include "store/RunTemplateRepository.h"
#include "store/Transaction.h"

#include <stdexcept>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {
struct Scoped {
  TempDir dir;
  std::unique_ptr<Database> db = Database::openSqlite(dir.file("scoped.db"));
  int64_t acme = seedCompany(*db, "acme");
  int64_t beta = seedCompany(*db, "beta");
  int64_t gamma = seedCompany(*db, "gamma");
  int64_t appId = seedApp(*db, appRunning("importer", "/bin/true"));

  int64_t job(int64_t company, int64_t templateId) {
    Job j;
    j.runtemplateId = templateId;
    j.companyId = company;
    j.appId = appId;
    j.scheduleType = "adhoc-cli";
    j.scheduledFor = 1;
    return inTransaction(*db, [&](Poco::Data::Session& s) { return JobRepository(*db).createAdhoc(s, j, {}); });
  }
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(lists_keep_to_the_given_companies_before_paging, Scoped) {
  RunTemplateRepository templates(*db);
  const int64_t a1 = seedTemplate(*db, templateOf(appId, acme, 'n', "a1"));
  const int64_t b1 = seedTemplate(*db, templateOf(appId, beta, 'n', "b1"));
  const int64_t a2 = seedTemplate(*db, templateOf(appId, acme, 'n', "a2"));
  seedTemplate(*db, templateOf(appId, gamma, 'n', "g1"));

  RunTemplateFilter tf;
  tf.companyIds = std::vector<int64_t>{acme};
  tf.limit = 1;
  tf.offset = 1;  // the second of acme's, not the second row of the table
  BOOST_TEST(templates.list(tf).front().id == a2);
  tf.companyIds = std::vector<int64_t>{};
  BOOST_TEST(templates.list(tf).empty());
  tf = RunTemplateFilter();
  tf.companyIds = std::vector<int64_t>{acme, beta};
  tf.order = ListOrder{"name", true};
  const auto ordered = templates.list(tf);
  BOOST_TEST(ordered.size() == 3u);
  BOOST_TEST(ordered.front().id == b1);
  BOOST_TEST(ordered.back().id == a1);
  tf.order = ListOrder{"name; DROP TABLE job", false};
  BOOST_CHECK_THROW(templates.list(tf), std::logic_error);

  JobRepository jobs(*db);
  const int64_t ja = job(acme, a1);
  job(beta, b1);
  JobFilter jf;
  jf.companyIds = std::vector<int64_t>{acme};
  BOOST_TEST(jobs.list(jf).size() == 1u);
  BOOST_TEST(jobs.list(jf).front().id == ja);
  jf.companyIds = std::vector<int64_t>{};
  BOOST_TEST(jobs.list(jf).empty());
  jf = JobFilter();
  jf.companyId = beta;
  BOOST_TEST(jobs.list(jf).size() == 1u);
  BOOST_TEST(jobs.countByState(std::vector<int64_t>{acme}).at(JobState::Pending) == 1);
  BOOST_TEST(jobs.countByState().at(JobState::Pending) == 2);
  BOOST_TEST(jobs.countByState(std::vector<int64_t>{}).empty());

  CompanyRepository companies(*db);
  CompanyFilter cf;
  cf.ids = std::vector<int64_t>{gamma, acme};
  cf.order = ListOrder{"slug", true};
  const auto some = companies.list(cf);
  BOOST_TEST(some.size() == 2u);
  BOOST_TEST(some.front().id == gamma);
  cf.ids = std::vector<int64_t>{};
  BOOST_TEST(companies.list(cf).empty());
  BOOST_TEST(companies.list(100, 0).size() == 3u);

  CredentialRepository credentials(*db);
  BOOST_TEST(credentials.listOf(std::vector<int64_t>{}, 10, 0).empty());
  BOOST_TEST(credentials.listTypesOf(std::vector<int64_t>{acme}, 10, 0).empty());
}
