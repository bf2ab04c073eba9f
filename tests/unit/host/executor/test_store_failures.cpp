// The executor when the store refuses records: a permanent refusal (a
// trigger standing in for a bad record) fails that one job with the reason
// and the others run; a transient one (another connection's lock) is
// retried without flooding the log; stopping never waits for the store.
#include "ExecutorFixture.h"

#include "common/Json.h"
#include "store/ArtifactRepository.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>

#include <atomic>
#include <mutex>
#include <thread>

#include <signal.h>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;
using namespace std::chrono_literals;
using namespace Poco::Data::Keywords;

namespace {

/// Keeps what a logger logs while it lives.
class LogRecorder : public Poco::Channel {
 public:
  explicit LogRecorder(const std::string& name) : _logger(Poco::Logger::get(name)), _previous(_logger.getChannel()) {}
  ~LogRecorder() override = default;
  void attach() { _logger.setChannel(Poco::Channel::Ptr(this, true)); }  // not owned
  void detach() { _logger.setChannel(_previous); }
  void log(const Poco::Message& m) override {
    std::lock_guard<std::mutex> lock(_mutex);
    _lines.push_back(m.getText());
  }
  std::size_t count(const std::string& text) {
    std::lock_guard<std::mutex> lock(_mutex);
    return static_cast<std::size_t>(
        std::count_if(_lines.begin(), _lines.end(), [&](const auto& l) { return l.find(text) != std::string::npos; }));
  }

 private:
  Poco::Logger& _logger;
  Poco::Channel::Ptr _previous;
  std::mutex _mutex;
  std::vector<std::string> _lines;
};

bool alive(int64_t pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0; }

template <class Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds limit = 10s) {
  for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;) {
    if (predicate()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

struct FailureFixture : ExecutorFixture {
  /// Makes the store refuse inserts into `table` for job `jobId`, as a bad
  /// record would (a permanent error).
  void refuse(const std::string& table, int64_t jobId) {
    Poco::Data::Session s = db->session();
    s << "CREATE TRIGGER refuse_" + table + " BEFORE INSERT ON " + table + " WHEN NEW.job_id = " +
             std::to_string(jobId) + " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
        now;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store_failures, FailureFixture)

BOOST_AUTO_TEST_CASE(a_job_whose_artifact_is_refused_ends_failed_with_the_reason_and_the_others_run) {
  Application app = appRunning("reporter", "/bin/sh", "-c 'echo report > $RESULT_FILE; echo written'");
  EnvField result;
  result.key = "RESULT_FILE";
  result.defvalJson = "\"result.csv\"";
  app.environment = {result};
  const int64_t bad = schedule(seedTemplate(*db, templateOf(seedApp(*db, app), companyId, 'n', "reporter")));
  const int64_t good = schedule(templateRunning("/bin/echo", "fine"));
  refuse("artifact", bad);
  runDue();  // returns: the loop goes on past the refused record

  const Job failed = job(bad);
  BOOST_TEST(jobStateName(failed.state) == "failed");
  BOOST_TEST(failed.message.value_or("").find("refused by the test") != std::string::npos);
  BOOST_TEST(failed.message.value_or("").find("its artifacts were not stored") != std::string::npos);
  BOOST_TEST(*failed.exitCode == 0);      // what the job did is kept
  BOOST_TEST(output(bad) == "written\n");  // so is its output
  BOOST_TEST(ArtifactRepository(*db).list(bad, 10, 0).empty());
  BOOST_TEST(jobStateName(job(good).state) == "success");
  BOOST_TEST(output(good) == "fine\n");
  BOOST_TEST(!std::filesystem::exists(dir.file("jobs") + "/" + std::to_string(bad)));
}

BOOST_AUTO_TEST_CASE(a_job_whose_output_is_refused_ends_failed_and_the_jobs_after_it_run) {
  const int64_t bad = schedule(templateRunning("/bin/echo", "refused"));
  const int64_t good = schedule(templateRunning("/bin/echo", "fine"));
  refuse("job_output", bad);
  runDue();
  BOOST_TEST(jobStateName(job(bad).state) == "failed");
  BOOST_TEST(job(bad).message.value_or("").find("refused by the test") != std::string::npos);
  BOOST_TEST(output(bad).empty());
  BOOST_TEST(jobStateName(job(good).state) == "success");
  const int64_t later = schedule(templateRunning("/bin/echo", "later"));
  runDue();
  BOOST_TEST(jobStateName(job(later).state) == "success");
  BOOST_TEST(output(later) == "later\n");
}

BOOST_AUTO_TEST_CASE(a_locked_store_is_retried_and_logged_once_then_the_job_is_recorded) {
  LogRecorder executorLog("multiflexi.executor");
  LogRecorder storeLog("multiflexi.store");
  const int64_t id = schedule(templateRunning("/bin/sh", "-c 'sleep 0.5; echo done'"));
  ExecutorService executor(*db, plugins, settings());
  std::thread loop([&] { executor.run(false); });
  BOOST_REQUIRE(eventually([&] { return job(id).pid.has_value(); }));
  executorLog.attach();
  storeLog.attach();
  {
    Poco::Data::Session holder = db->session();
    holder << "BEGIN IMMEDIATE", now;  // another process writes for a long time
    std::this_thread::sleep_for(6s);   // the job ends meanwhile; its end waits
    BOOST_TEST(jobStateName(job(id).state) == "running");
    holder << "ROLLBACK", now;
  }
  BOOST_TEST(eventually([&] { return jobStateName(job(id).state) == "success"; }));
  executor.stop();
  loop.join();
  executorLog.detach();
  storeLog.detach();
  BOOST_TEST(output(id) == "done\n");
  BOOST_TEST(executorLog.count("cannot record job changes") == 1u);  // not every retry
  BOOST_TEST(executorLog.count("recorded again") == 1u);
  BOOST_TEST(storeLog.count("rollback failed") == 0u);
}

BOOST_AUTO_TEST_CASE(stop_ends_within_the_grace_while_the_store_cannot_be_written) {
  ExecutorSettings s = settings();
  s.shutdownGrace = 1000ms;
  s.cancelGrace = 500ms;
  const int64_t id = schedule(templateRunning("/bin/sleep", "60"));
  int64_t pid = 0;
  std::chrono::steady_clock::duration stopping{};
  {
    ExecutorService executor(*db, plugins, s);
    std::atomic<bool> done{false};
    std::thread loop([&] {
      executor.run(false);
      done = true;
    });
    BOOST_REQUIRE(eventually([&] { return job(id).pid.has_value(); }));
    pid = *job(id).pid;
    Poco::Data::Session holder = db->session();
    holder << "BEGIN IMMEDIATE", now;  // nothing can be recorded from here on
    const auto stopAt = std::chrono::steady_clock::now();
    executor.stop();
    const bool stopped = eventually([&] { return done.load(); }, 15s);
    stopping = std::chrono::steady_clock::now() - stopAt;
    holder << "ROLLBACK", now;  // lets a loop that did not stop end
    loop.join();
    BOOST_TEST(stopped);
  }
  // The grace, the time given to recording, and a margin for a slow machine.
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(stopping).count() < 1000 + 2000 + 2500);
  BOOST_TEST(!alive(pid));
  // Its end was not recorded: the next start finds it by its lease.
  BOOST_TEST(jobStateName(job(id).state) == "running");
  std::this_thread::sleep_for(s.lease + 200ms);
  runDue();
  BOOST_TEST(jobStateName(job(id).state) == "lost");
}

BOOST_AUTO_TEST_SUITE_END()
