// A job's output (JSON and Server-Sent Events) and artifacts over the API:
// byte offsets (inside a chunk, at and past the end, hostile ones) shared by
// both, event ids that resume exactly, the end event, bytes that are not UTF-8, sanitised downloads,
// and nothing of another company's jobs.
#include <boost/test/unit_test.hpp>

#include "ApiFixture.h"
#include "api/JobOutputRoutes.h"
#include "common/Clock.h"
#include "common/Exceptions.h"
#include "store/ArtifactRepository.h"
#include "store/JobRepository.h"
#include "store/Transaction.h"

#include <sstream>

using namespace MultiFlexi;
using MultiFlexi::Testing::ApiFixture;
using MultiFlexi::Testing::thrown;

namespace {
struct OutputApi : ApiFixture {
  std::vector<ApiRoute> routes = jobOutputRoutes(std::chrono::milliseconds(5), std::chrono::milliseconds(1));

  void chunk(int64_t job, int64_t seq, int stream, const std::string& bytes) {
    inTransaction(catalog->database(),
                  [&](Poco::Data::Session& s) { JobRepository(catalog->database()).appendOutput(s, job, seq, stream, bytes); });
  }
  void end(int64_t job) {
    Poco::Data::Session s = catalog->database().session();
    Sql::execute(s, "UPDATE job SET state = 'failed', exit_code = 3, outcome = 'failed', end_at = 1 WHERE id = ?",
                 {Sql::value(job)});
  }
  int64_t artifact(int64_t job, const std::string& filename, const std::string& type, const std::string& content) {
    Artifact a;
    a.jobId = job;
    a.filename = filename;
    a.contentType = type;
    a.content = content;
    a.size = static_cast<int64_t>(content.size());
    return inTransaction(catalog->database(),
                         [&](Poco::Data::Session& s) { return ArtifactRepository(catalog->database()).add(s, a); });
  }
  ApiResponse get(const Caller& caller, const std::string& path, std::map<std::string, std::string> params,
                  std::map<std::string, std::string> query = {}) {
    return call(routes, "GET", path, request(caller, std::move(params), std::move(query)));
  }
  std::string follow(const ApiRequest& r) {
    const ApiResponse response = call(routes, "GET", "/job/{jobId}/follow", r);
    BOOST_TEST(response.contentType == "text/event-stream");
    std::ostringstream out;
    response.stream(out);
    return out.str();
  }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(job_output_routes)

BOOST_FIXTURE_TEST_CASE(output_is_read_from_a_byte_offset_with_the_next_one, OutputApi) {
  chunk(acmeJob, 0, 1, "hello\n");                          // bytes 0-5
  chunk(acmeJob, 1, 2, std::string("bad \xff\xfe bytes\n"));  // bytes 6-18
  const Caller viewer = member(acme, CompanyRole::Viewer);
  const std::map<std::string, std::string> job = {{"jobId", std::to_string(acmeJob)}};
  const ApiResponse all = get(viewer, "/job/{jobId}/output", job);
  BOOST_TEST(all.body["offset"] == 0);
  BOOST_TEST(all.body["chunks"].size() == 2u);
  BOOST_TEST(all.body["chunks"][0]["stream"] == "stdout");
  BOOST_TEST(all.body["chunks"][0]["offset"] == 0);
  BOOST_TEST(all.body["chunks"][0]["text"] == "hello\n");
  BOOST_TEST(all.body["chunks"][1]["offset"] == 6);
  BOOST_TEST(all.body["chunks"][1]["stream"] == "stderr");
  BOOST_TEST(all.body["chunks"][1]["text"] == "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes\n");
  BOOST_TEST(all.body["next_offset"] == 19);
  BOOST_CHECK_NO_THROW(all.body.dump());
  // Inside a chunk: the rest of it, then the later ones.
  const ApiResponse rest = get(viewer, "/job/{jobId}/output", job, {{"offset", "3"}});
  BOOST_TEST(rest.body["chunks"].size() == 2u);
  BOOST_TEST(rest.body["chunks"][0]["offset"] == 3);
  BOOST_TEST(rest.body["chunks"][0]["text"] == "lo\n");
  BOOST_TEST(rest.body["next_offset"] == 19);
  const ApiResponse second = get(viewer, "/job/{jobId}/output", job, {{"offset", "6"}});
  BOOST_TEST(second.body["chunks"].size() == 1u);
  BOOST_TEST(second.body["chunks"][0]["stream"] == "stderr");
  // At or beyond the end: nothing, not an error, and the same offset to ask next.
  for (const std::string& beyond : {std::string("19"), std::string("20"), std::string("9223372036854775807")}) {
    const ApiResponse none = get(viewer, "/job/{jobId}/output", job, {{"offset", beyond}});
    BOOST_TEST(none.body["chunks"].empty(), beyond);
    BOOST_TEST(none.body["next_offset"].dump() == beyond);
  }
  // More output later continues at next_offset.
  chunk(acmeJob, 2, 1, "more");
  const ApiResponse later = get(viewer, "/job/{jobId}/output", job, {{"offset", "19"}});
  BOOST_TEST(later.body["chunks"][0]["text"] == "more");
  BOOST_TEST(later.body["next_offset"] == 23);
  for (const std::string& bad : {std::string("-1"), std::string("x"), std::string(""), std::string("1.5"),
                                 std::string("99999999999999999999"), std::string("0 OR 1=1"),
                                 std::string("1\0", 2), std::string("0x10")})
    BOOST_TEST(thrown<ValidationException>([&] { get(viewer, "/job/{jobId}/output", job, {{"offset", bad}}); })
                       .field() == "offset",
               bad);
  BOOST_TEST(thrown<NotFoundException>([&] {
               get(viewer, "/job/{jobId}/output", {{"jobId", std::to_string(betaJob)}});
             }).message() == "no job with id " + std::to_string(betaJob));
}

BOOST_FIXTURE_TEST_CASE(follow_replays_then_ends_with_the_outcome, OutputApi) {
  chunk(acmeJob, 0, 1, "one\r\ntwo\n");  // bytes 0-8
  chunk(acmeJob, 1, 2, "three");        // bytes 9-13
  end(acmeJob);
  const std::string all = follow(request(admin(), {{"jobId", std::to_string(acmeJob)}}));
  // Each event's id is the byte offset after it.
  BOOST_TEST(all.find("id: 9\nevent: stdout\ndata: one\ndata: two\ndata: \n\n") != std::string::npos, all);
  BOOST_TEST(all.find("id: 14\nevent: stderr\ndata: three\n\n") != std::string::npos, all);
  BOOST_TEST(all.find("event: end\ndata: {\"status\":\"failed\",\"outcome\":\"failed\",\"exitcode\":3}") !=
                 std::string::npos,
             all);
  ApiRequest resume = request(admin(), {{"jobId", std::to_string(acmeJob)}});
  resume.headers["Last-Event-ID"] = "9";
  const std::string rest = follow(resume);
  BOOST_TEST(rest.find("id: 9\n") == std::string::npos, rest);
  BOOST_TEST(rest.find("id: 14\nevent: stderr\ndata: three\n") != std::string::npos, rest);
  resume.headers.clear();
  resume.headers["last-event-id"] = "11";  // exactly from there, inside the chunk; any case of the name
  BOOST_TEST(follow(resume).find("id: 14\nevent: stderr\ndata: ree\n") != std::string::npos);
  resume.headers["Last-Event-ID"] = "14";
  BOOST_TEST(follow(resume).find("id: ") == std::string::npos);
  // `offset` counts the same bytes; Last-Event-ID wins over it.
  ApiRequest fromOffset = request(admin(), {{"jobId", std::to_string(acmeJob)}}, {{"offset", "5"}});
  BOOST_TEST(follow(fromOffset).find("id: 9\nevent: stdout\ndata: two\ndata: \n\n") != std::string::npos);
  fromOffset.headers["Last-Event-ID"] = "9";
  BOOST_TEST(follow(fromOffset).find("event: stdout") == std::string::npos);
  for (const char* bad : {"1; DROP TABLE job", "-1", "99999999999999999999"}) {
    resume.headers["Last-Event-ID"] = bad;
    BOOST_TEST(thrown<ValidationException>([&] { follow(resume); }).field() == "Last-Event-ID", bad);
  }
  BOOST_TEST(thrown<ValidationException>([&] {
               follow(request(admin(), {{"jobId", std::to_string(acmeJob)}}, {{"offset", "-5"}}));
             }).field() == "offset");
  BOOST_CHECK_THROW(follow(request(member(acme, CompanyRole::Viewer), {{"jobId", std::to_string(betaJob)}})),
                    NotFoundException);
}

BOOST_FIXTURE_TEST_CASE(follow_stops_when_the_client_goes_away, OutputApi) {
  const ApiResponse response = call(routes, "GET", "/job/{jobId}/follow", request(admin(), {{"jobId", std::to_string(acmeJob)}}));
  std::ostringstream gone;
  gone.setstate(std::ios::badbit);  // every write fails, as on a closed connection
  response.stream(gone);            // returns (the pending job never ends)
  BOOST_TEST(gone.str().empty());
}

BOOST_FIXTURE_TEST_CASE(follow_ends_when_the_token_that_opened_it_expires, OutputApi) {
  chunk(acmeJob, 0, 1, "so far\n");
  Caller byToken = admin();
  byToken.credentialExpiresAt = nowMs() + 50;
  const std::string out = follow(request(byToken, {{"jobId", std::to_string(acmeJob)}}));  // the job never ends
  BOOST_TEST(out.find("data: so far") != std::string::npos, out);
  BOOST_TEST(out.find("event: end") == std::string::npos, out);
}

BOOST_FIXTURE_TEST_CASE(artifacts_are_listed_and_downloaded_with_a_safe_name, OutputApi) {
  const int64_t id = artifact(acmeJob, "../out/\"report\r\n.csv", "text/csv\r\nSet-Cookie: x=1", "a,b\n");
  const ApiResponse list = get(admin(), "/job/{jobId}/artifacts", {{"jobId", std::to_string(acmeJob)}});
  BOOST_TEST(list.body.size() == 1u);
  BOOST_TEST(list.body[0]["size"] == 4);
  const ApiResponse file = get(member(acme, CompanyRole::Viewer), "/artifact/{artifactId}", {{"artifactId", std::to_string(id)}});
  BOOST_TEST(*file.raw == "a,b\n");
  BOOST_TEST(file.contentType == "application/octet-stream");  // the stored type would inject a header
  BOOST_TEST(file.headers.at("Content-Disposition") == "attachment; filename=\"_report__.csv\"");
  BOOST_TEST(thrown<NotFoundException>([&] {
               get(member(beta, CompanyRole::Editor), "/artifact/{artifactId}", {{"artifactId", std::to_string(id)}});
             }).message() == "no artifact with id " + std::to_string(id));
  BOOST_TEST(thrown<NotFoundException>([&] { get(admin(), "/artifact/{artifactId}", {{"artifactId", "999"}}); })
                 .message() == "no artifact with id 999");
  BOOST_TEST(dispositionFilename("..") == "artifact");
  BOOST_TEST(dispositionFilename("dir/") == "artifact");
  BOOST_TEST(dispositionFilename("r\xc3\xa9sum\xc3\xa9.pdf") == "r__sum__.pdf");
}

BOOST_AUTO_TEST_SUITE_END()
