// Artifacts in the store: any content, empty included, is stored with its
// size and reads back byte for byte; content is sealed at rest, bound to the
// job's company and the job, and re-sealed by a key rotation.
#include <boost/test/unit_test.hpp>

#include "Seed.h"
#include "TempDir.h"
#include "common/Exceptions.h"
#include "store/KeyRotation.h"
#include "store/Sql.h"
#include "store/ArtifactRepository.h"
#include "store/JobRepository.h"
#include "store/Transaction.h"

#include <fstream>
#include <sstream>

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
  /// The database file and its WAL as bytes on disk.
  std::string storeBytes() const {
    std::string all;
    for (const char* suffix : {"", "-wal", "-journal"}) {
      std::ifstream in(dir.file("artifacts.db") + suffix, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      all += bytes.str();
    }
    return all;
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

BOOST_AUTO_TEST_CASE(content_is_sealed_at_rest_and_opens_on_reading) {
  const std::string canary = "ARTIFACT-CANARY-3c2b1a";
  const std::string content = "{\"export\":\"" + canary + "\"}";
  const int64_t id = add(newJob(), "result.json", content);
  BOOST_TEST(storeBytes().find(canary) == std::string::npos, "the artifact is in the database file or its WAL");
  Poco::Data::Session s = db->session();
  BOOST_TEST(Sql::scalar(s, "SELECT COUNT(*) FROM artifact WHERE content_key_version = 1") == 1);
  BOOST_TEST(artifacts.findById(id)->content == content);
  BOOST_TEST(artifacts.findById(id)->size == static_cast<int64_t>(content.size()));
  BOOST_TEST(sealedCounts(*db).at("job_artifact").at(1) == 1);
}

BOOST_AUTO_TEST_CASE(sealed_content_moved_to_another_job_or_company_does_not_open) {
  const int64_t job = newJob();
  const int64_t other = newJob();
  const int64_t id = add(job, "result.json", "mine");
  const int64_t otherId = add(other, "result.json", "theirs");
  Poco::Data::Session s = db->session();
  // Another job's sealed content copied over this one's.
  Sql::execute(s, "UPDATE artifact SET content = (SELECT content FROM artifact WHERE id = ?) WHERE id = ?",
               {Sql::value(otherId), Sql::value(id)});
  BOOST_CHECK_THROW(artifacts.findById(id), CryptoException);
  // The job (with its artifact) moved to another company.
  Sql::execute(s, "UPDATE job SET company_id = ? WHERE id = ?", {Sql::value(seedCompany(*db, "other")), Sql::value(other)});
  try {
    artifacts.findById(otherId);
    BOOST_FAIL("an artifact moved to another company opened");
  } catch (const CryptoException& e) {
    BOOST_TEST(e.message().find("job_artifact " + std::to_string(other)) != std::string::npos, e.message());
    BOOST_TEST(e.message().find("theirs") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(rows_stored_before_sealing_still_read) {
  const int64_t job = newJob();
  Poco::Data::Session s = db->session();
  Sql::execute(s,
               "INSERT INTO artifact (job_id, filename, content_type, size, content, note, created_at) "
               "VALUES (?, 'old.txt', 'text/plain', 5, CAST('plain' AS BLOB), NULL, 0)",
               {Sql::value(job)});
  const auto listed = artifacts.list(job, 10, 0);
  BOOST_REQUIRE_EQUAL(listed.size(), 1u);
  BOOST_TEST(artifacts.findById(listed[0].id)->content == "plain");
}

BOOST_AUTO_TEST_CASE(a_rotation_reseals_artifacts) {
  const int64_t job = newJob();
  const int64_t empty = add(job, "empty.csv", "");
  const int64_t full = add(job, "report.csv", "a,b\n");
  const RotationReport report = rotateKeys(*db, 1, nullptr);
  BOOST_TEST(report.version == 2);
  BOOST_TEST(report.resealed.at("job_artifact") == 2);
  BOOST_TEST(report.retired == std::vector<int>{1});
  const auto counts = sealedCounts(*db);
  BOOST_TEST(counts.at("job_artifact").size() == 1u);
  BOOST_TEST(counts.at("job_artifact").at(2) == 2);
  BOOST_TEST(artifacts.findById(empty)->content.empty());
  BOOST_TEST(artifacts.findById(full)->content == "a,b\n");
}

BOOST_AUTO_TEST_SUITE_END()
