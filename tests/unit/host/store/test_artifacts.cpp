// Artifacts in the store: any content, empty included, is stored with its
// size and reads back byte for byte.
#include <boost/test/unit_test.hpp>

#include "Seed.h"
#include "TempDir.h"
#include "store/ArtifactRepository.h"
#include "store/JobRepository.h"
#include "store/Transaction.h"

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {

struct ArtifactsFixture {
  TempDir dir;
  std::unique_ptr<Database> db = openSealedStore(dir.file("artifacts.db"), dir.file("master.key"));
  ArtifactRepository artifacts{*db};
  int64_t companyId = seedCompany(*db, "acme");
  int64_t templateId = seedTemplate(*db, templateOf(seedApp(*db, appRunning("exporter", "/bin/true")), companyId, 'n'));

  int64_t newJob() {
    const Job j = adhocJob(*RunTemplateRepository(*db).findById(templateId), nowMs(), "adhoc-cli");
    return inTransaction(*db, [&](Poco::Data::Session& s) { return JobRepository(*db).createAdhoc(s, j, {}); });
  }
  int64_t add(int64_t jobId, const std::string& filename, const std::string& content) {
    Artifact a;
    a.jobId = jobId;
    a.filename = filename;
    a.contentType = "application/octet-stream";
    a.content = content;
    a.size = static_cast<int64_t>(content.size());
    return inTransaction(*db, [&](Poco::Data::Session& s) { return artifacts.add(s, a); });
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(artifacts, ArtifactsFixture)

BOOST_AUTO_TEST_CASE(an_empty_artifact_is_stored_with_size_zero_and_reads_back_empty) {
  const int64_t job = newJob();
  const int64_t id = add(job, "empty.csv", "");
  const auto stored = artifacts.findById(id);
  BOOST_REQUIRE(stored);
  BOOST_TEST(stored->size == 0);
  BOOST_TEST(stored->content.empty());
  const auto listed = artifacts.list(job, 10, 0);
  BOOST_REQUIRE_EQUAL(listed.size(), 1u);
  BOOST_TEST(listed[0].filename == "empty.csv");
  BOOST_TEST(listed[0].size == 0);
}

BOOST_AUTO_TEST_CASE(binary_content_reads_back_byte_for_byte) {
  const std::string bytes("\0\x01\xff\xfe\x80 text\0\n\\x'", 15);
  const int64_t id = add(newJob(), "blob.bin", bytes);
  const auto stored = artifacts.findById(id);
  BOOST_REQUIRE(stored);
  BOOST_TEST(stored->size == 15);
  BOOST_TEST(stored->content == bytes);
}

BOOST_AUTO_TEST_SUITE_END()
