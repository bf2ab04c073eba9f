// Artifacts: collected by the manifest's patterns and RESULT_FILE from the
// job's own directory, within the size limit, never through a link or a
// path that leads out of it.
#include "ExecutorFixture.h"

#include "common/Json.h"
#include "store/ArtifactRepository.h"

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {

ArtifactSpec spec(const std::string& path) {
  ArtifactSpec a;
  a.nameJson = OrderedJson(path).dump();
  a.path = path;
  a.type = "file";
  return a;
}

std::map<std::string, std::string> byName(const std::vector<Artifact>& artifacts) {
  std::map<std::string, std::string> out;
  for (const auto& a : artifacts) out[a.filename] = a.contentType;
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(artifacts, ExecutorFixture)

BOOST_AUTO_TEST_CASE(patterns_and_result_file_are_collected_and_escapes_refused) {
  Application app = appRunning(
      "reporter", "/bin/sh",
      "-c 'echo {\\\"ok\\\":1} > report.json; echo a,b > $RESULT_FILE; head -c 3000 /dev/zero > big.json; "
      "ln -s /etc/hostname link.json; echo no > notes.txt; echo out > ../outside.json || true'");
  app.environment = {};
  EnvField result;
  result.key = "RESULT_FILE";
  result.defvalJson = "\"result.csv\"";
  app.environment.push_back(result);
  app.artifacts = {spec(".*\\.json$"), spec("${RESULT_FILE}")};
  const int64_t tid = seedTemplate(*db, templateOf(seedApp(*db, app), companyId, 'n'));
  const int64_t id = schedule(tid);
  ExecutorSettings s = settings();
  s.artifactLimit = 1000;
  runDue(s);

  ArtifactRepository artifacts(*db);
  const auto stored = artifacts.list(id, 100, 0);
  BOOST_TEST((byName(stored) ==
              std::map<std::string, std::string>{{"report.json", "application/json"}, {"result.csv", "text/csv"}}));
  for (const auto& a : stored) {
    const Artifact full = *artifacts.findById(a.id);
    if (a.filename == "report.json") BOOST_TEST(full.content == "{\"ok\":1}\n");
    if (a.filename == "result.csv") BOOST_TEST(full.content == "a,b\n");
  }
  const std::string message = job(id).message.value_or("");
  BOOST_TEST(message.find("big.json not collected: it 3000 bytes would pass the artifact limit") != std::string::npos);
  BOOST_TEST(message.find("link.json not collected: it is a symbolic link") != std::string::npos);
  BOOST_TEST(message.find("outside") == std::string::npos);  // not a file of the job's directory at all
  BOOST_TEST(jobStateName(job(id).state) == "success");
}

BOOST_AUTO_TEST_CASE(a_result_file_pointing_out_of_the_directory_is_refused) {
  Application app = appRunning("escaper", "/bin/sh", "-c 'echo secret > ../escaped.txt'");
  app.artifacts = {spec("${RESULT_FILE}")};
  const int64_t tid = seedTemplate(*db, templateOf(seedApp(*db, app), companyId, 'n'));
  const int64_t relative = schedule(tid, {{"RESULT_FILE", "../../executor.db"}});  // the store itself
  const int64_t absolute = schedule(tid, {{"RESULT_FILE", "/etc/hostname"}});
  runDue();
  ArtifactRepository artifacts(*db);
  for (int64_t id : {relative, absolute}) {
    BOOST_TEST(artifacts.list(id, 10, 0).empty());
    BOOST_TEST(job(id).message.value_or("").find("is outside the job's working directory") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(an_empty_result_file_is_kept_as_an_empty_artifact) {
  Application app = appRunning("empty exporter", "/bin/sh", "-c ': > $RESULT_FILE'");
  app.artifacts = {spec("${RESULT_FILE}")};
  const int64_t tid = seedTemplate(*db, templateOf(seedApp(*db, app), companyId, 'n'));
  const int64_t id = schedule(tid, {{"RESULT_FILE", "export.csv"}});
  runDue();
  BOOST_TEST(jobStateName(job(id).state) == "success", job(id).message.value_or(""));
  ArtifactRepository artifacts(*db);
  const auto stored = artifacts.list(id, 10, 0);
  BOOST_REQUIRE_EQUAL(stored.size(), 1u);
  BOOST_TEST(stored[0].filename == "export.csv");
  BOOST_TEST(stored[0].size == 0);
  BOOST_TEST(artifacts.findById(stored[0].id)->content.empty());
}

BOOST_AUTO_TEST_SUITE_END()
