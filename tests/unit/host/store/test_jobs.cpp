// Jobs in the store: one per slot, claims under leases with the overlap
// rule, finishing with the template's counters, lost leases, output,
// cancels (at once when pending, a request for the executor when running).
#include <boost/test/unit_test.hpp>

#include "Seed.h"
#include "TempDir.h"
#include "common/Exceptions.h"
#include "store/ApplicationRepository.h"
#include "store/CompanyRepository.h"
#include "store/JobRepository.h"
#include "store/Migrations.h"
#include "store/Sql.h"
#include "store/RunTemplateRepository.h"
#include "store/Transaction.h"

#include <algorithm>
#include <limits>
#include <mutex>
#include <set>
#include <thread>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {

struct JobsFixture {
  TempDir dir;
  std::unique_ptr<Database> db = Database::openSqlite(dir.file("jobs.db"));
  JobRepository jobs{*db};
  int64_t companyId = seedCompany(*db, "acme");
  int64_t appId = seedApp(*db, appRunning("importer", "/bin/true"));

  int64_t runTemplate(bool allowOverlap = false) {
    RunTemplate t = templateOf(appId, companyId, 'i', "every minute");
    t.allowOverlap = allowOverlap;
    return seedTemplate(*db, t);
  }
  Job slotJob(int64_t templateId, Instant slot) {
    Job j;
    j.runtemplateId = templateId;
    j.companyId = companyId;
    j.appId = appId;
    j.scheduleType = "minutly";
    j.slot = slot;
    j.scheduledFor = slot;
    return j;
  }
  Job adhocJob(Instant due) {
    Job j;
    j.companyId = companyId;
    j.appId = appId;
    j.scheduleType = "adhoc-cli";
    j.scheduledFor = due;
    return j;
  }
  static JobEnd exited(int code, Instant at) {
    return JobEnd{code == 0 ? JobState::Success : JobState::Failed, "exited", code, std::nullopt, "", at};
  }

  // One write transaction per call, as a daemon's pass would make.
  std::optional<int64_t> createForSlot(const Job& job, Instant next) {
    const auto ids = inTransaction(*db, [&](Poco::Data::Session& s) {
      return jobs.createForSlots(s, *job.runtemplateId, {job}, next);
    });
    return ids.empty() ? std::nullopt : std::optional<int64_t>(ids.front());
  }
  int64_t createAdhoc(const Job& job) {
    return inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.createAdhoc(s, job, {}); });
  }
  std::optional<Job> claimNext(const std::string& owner, Instant now, Instant until) {
    auto claimed = inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.claimDue(s, owner, now, until, 1); });
    return claimed.empty() ? std::nullopt : std::optional<Job>(claimed.front());
  }
  void markStarted(int64_t id, int64_t pid, Instant at) {
    inTransaction(*db, [&](Poco::Data::Session& s) { jobs.markStarted(s, id, JobStart{pid, at, "/bin/true", "{}", "1.0", "", std::nullopt}); });
  }
  bool renewLease(int64_t id, const std::string& owner, Instant until) {
    const auto held = inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.renewLeases(s, owner, until); });
    return std::find(held.begin(), held.end(), id) != held.end();
  }
  bool finish(int64_t id, const std::string& owner, const JobEnd& end) {
    return inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.finish(s, id, owner, end); });
  }
  std::vector<int64_t> expireLeases(Instant now) {
    std::vector<int64_t> ids;
    for (const LostJob& lost : inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.expireLeases(s, now); }))
      ids.push_back(lost.id);
    return ids;
  }
  void appendOutput(int64_t id, int64_t seq, int stream, const std::string& bytes) {
    inTransaction(*db, [&](Poco::Data::Session& s) { jobs.appendOutput(s, id, seq, stream, bytes); });
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(jobs_store, JobsFixture)

BOOST_AUTO_TEST_CASE(one_job_per_template_slot) {
  const int64_t t = runTemplate();
  const auto first = createForSlot(slotJob(t, 60'000), 120'000);
  const auto second = createForSlot(slotJob(t, 60'000), 120'000);
  BOOST_TEST(first.has_value());
  BOOST_TEST(!second.has_value());
  BOOST_TEST(*RunTemplateRepository(*db).findById(t)->nextSchedule == 120'000);
  BOOST_TEST(createForSlot(slotJob(t, 120'000), 180'000).has_value());
  BOOST_TEST(jobs.list(JobFilter{.state = JobState::Pending, .runtemplateId = std::nullopt, .companyId = std::nullopt, .companyIds = std::nullopt, .scheduledFrom = std::nullopt, .scheduledUntil = std::nullopt, .order = std::nullopt, .limit = 10, .offset = 0}).size() == 2u);
}

BOOST_AUTO_TEST_CASE(adhoc_jobs_leave_the_schedule_alone) {
  const int64_t t = runTemplate();
  createForSlot(slotJob(t, 60'000), 120'000);
  Job adhoc = adhocJob(5'000);
  adhoc.runtemplateId = t;
  createAdhoc(adhoc);
  createAdhoc(adhoc);  // no slot: any number of them
  BOOST_TEST(*RunTemplateRepository(*db).findById(t)->nextSchedule == 120'000);
  BOOST_TEST(jobs.list(JobFilter{.state = JobState::Pending, .runtemplateId = std::nullopt, .companyId = std::nullopt, .companyIds = std::nullopt, .scheduledFrom = std::nullopt, .scheduledUntil = std::nullopt, .order = std::nullopt, .limit = 10, .offset = 0}).size() == 3u);
}

BOOST_AUTO_TEST_CASE(claims_take_due_jobs_in_order_and_respect_overlap) {
  const int64_t t = runTemplate();
  const int64_t a = *createForSlot(slotJob(t, 60'000), 120'000);
  const int64_t b = *createForSlot(slotJob(t, 120'000), 180'000);
  BOOST_TEST(!claimNext("exec-1", 59'999, 100'000).has_value());  // not due yet
  const auto claimed = claimNext("exec-1", 200'000, 260'000);
  BOOST_REQUIRE(claimed.has_value());
  BOOST_TEST(claimed->id == a);
  BOOST_TEST(jobStateName(claimed->state) == "running");
  BOOST_TEST(*claimed->leaseOwner == "exec-1");
  BOOST_TEST(!claimNext("exec-2", 200'000, 260'000).has_value());  // the template's job runs
  BOOST_TEST(finish(a, "exec-1", exited(0, 201'000)));
  BOOST_TEST(claimNext("exec-2", 202'000, 260'000)->id == b);
}

BOOST_AUTO_TEST_CASE(overlap_is_allowed_when_the_template_says_so) {
  const int64_t t = runTemplate(true);
  createForSlot(slotJob(t, 60'000), 120'000);
  createForSlot(slotJob(t, 120'000), 180'000);
  BOOST_TEST(claimNext("exec-1", 200'000, 260'000).has_value());
  BOOST_TEST(claimNext("exec-1", 200'000, 260'000).has_value());
}

BOOST_AUTO_TEST_CASE(finishing_updates_counters_and_last_schedule_together) {
  const int64_t t = runTemplate();
  const int64_t a = *createForSlot(slotJob(t, 60'000), 120'000);
  claimNext("exec-1", 60'000, 90'000);
  markStarted(a, 4242, 60'010);
  BOOST_TEST(!finish(a, "someone-else", exited(0, 61'000)));  // not theirs
  BOOST_TEST(finish(a, "exec-1", exited(3, 61'000)));
  const Job done = *jobs.findById(a);
  BOOST_TEST(jobStateName(done.state) == "failed");
  BOOST_TEST(*done.exitCode == 3);
  BOOST_TEST(*done.pid == 4242);
  BOOST_TEST(*done.beginAt == 60'010);
  BOOST_TEST(*done.endAt == 61'000);
  const RunTemplate tmpl = *RunTemplateRepository(*db).findById(t);
  BOOST_TEST(tmpl.failureCount == 1);
  BOOST_TEST(tmpl.successCount == 0);
  BOOST_TEST(*tmpl.lastSchedule == 60'000);
  BOOST_TEST(!finish(a, "exec-1", exited(0, 62'000)));  // once only
}

BOOST_AUTO_TEST_CASE(an_expired_lease_ends_the_job_as_lost_and_its_verdict_stands) {
  const int64_t t = runTemplate();
  const int64_t a = *createForSlot(slotJob(t, 60'000), 120'000);
  claimNext("exec-1", 60'000, 90'000);
  BOOST_TEST(renewLease(a, "exec-1", 100'000));
  BOOST_TEST(expireLeases(99'999).empty());
  BOOST_TEST((expireLeases(100'001) == std::vector<int64_t>{a}));
  const Job lost = *jobs.findById(a);
  BOOST_TEST(jobStateName(lost.state) == "lost");
  BOOST_TEST(*lost.outcome == "lost");
  BOOST_TEST(RunTemplateRepository(*db).findById(t)->failureCount == 1);
  BOOST_TEST(!renewLease(a, "exec-1", 200'000));           // the executor learns it lost the job
  BOOST_TEST(!finish(a, "exec-1", exited(0, 200'000)));    // and cannot overwrite the verdict
  // The template goes on: its next job can be claimed.
  const int64_t b = *createForSlot(slotJob(t, 120'000), 180'000);
  BOOST_TEST(claimNext("exec-2", 120'000, 150'000)->id == b);
}

BOOST_AUTO_TEST_CASE(output_chunks_keep_their_bytes_and_order) {
  const int64_t a = createAdhoc(adhocJob(0));
  const std::string binary("\0\x01\xff text\n", 9);
  appendOutput(a, 1, 2, "err\n");
  appendOutput(a, 0, 1, binary);
  const auto chunks = jobs.output(a);
  BOOST_REQUIRE_EQUAL(chunks.size(), 2u);
  BOOST_TEST(chunks[0].seq == 0);
  BOOST_TEST(chunks[0].stream == 1);
  BOOST_TEST((chunks[0].bytes == binary));
  BOOST_TEST(chunks[1].bytes == "err\n");
}

BOOST_AUTO_TEST_CASE(output_is_read_from_a_byte_offset_of_both_streams_in_chunk_order) {
  const int64_t a = createAdhoc(adhocJob(0));
  const int64_t b = createAdhoc(adhocJob(1));
  appendOutput(a, 0, 1, "hello\n");  // bytes 0-5
  appendOutput(b, 0, 1, "other job");
  appendOutput(a, 1, 2, "oops\n");   // bytes 6-10
  appendOutput(a, 2, 1, "bye");      // bytes 11-13
  auto from = [&](int64_t byte) {
    std::string all;
    for (const auto& c : jobs.outputFrom(a, byte)) all += "[" + std::to_string(c.offset) + "]" + c.bytes;
    return all;
  };
  BOOST_TEST(from(0) == "[0]hello\n[6]oops\n[11]bye");
  BOOST_TEST(from(3) == "[3]lo\n[6]oops\n[11]bye");  // inside a chunk: the rest of it
  BOOST_TEST(from(6) == "[6]oops\n[11]bye");
  BOOST_TEST(from(12) == "[12]ye");
  BOOST_TEST(from(14) == "");  // the end: nothing yet
  BOOST_TEST(from(std::numeric_limits<int64_t>::max()) == "");
  BOOST_TEST(jobs.outputFrom(a, 6)[0].stream == 2);
  BOOST_TEST(jobs.output(a)[2].offset == 11);
  BOOST_TEST(jobs.output(a, 0)[0].offset == 6);
  BOOST_TEST(jobs.outputFrom(999, 0).empty());

  // Migration 9 gives the chunks stored before it their offsets.
  Poco::Data::Session s = db->session();
  Sql::execute(s, "UPDATE job_output SET byte_start = 0", {});
  for (const Migration& m : migrations())
    if (m.version == 9)
      for (const std::string& statement : m.statements)
        if (statement.rfind("UPDATE", 0) == 0) Sql::execute(s, statement, {});
  BOOST_TEST(from(12) == "[12]ye");
  BOOST_TEST(jobs.outputFrom(b, 2)[0].bytes == "her job");
}

BOOST_AUTO_TEST_CASE(concurrent_claimers_never_take_the_same_job) {
  for (int i = 0; i < 100; ++i) createAdhoc(adhocJob(i));
  std::mutex mutex;
  std::vector<int64_t> claimed;
  auto worker = [&](const std::string& owner) {
    JobRepository mine(*db);  // its own connections from the pool
    for (;;) {
      const auto batch =
          inTransaction(*db, [&](Poco::Data::Session& s) { return mine.claimDue(s, owner, 1'000, 60'000, 3); });
      if (batch.empty()) break;
      std::lock_guard<std::mutex> lock(mutex);
      for (const Job& job : batch) claimed.push_back(job.id);
    }
  };
  std::thread a(worker, "exec-a");
  std::thread b(worker, "exec-b");
  a.join();
  b.join();
  BOOST_TEST(claimed.size() == 100u);
  BOOST_TEST(std::set<int64_t>(claimed.begin(), claimed.end()).size() == 100u);
}

BOOST_AUTO_TEST_CASE(a_pending_job_is_cancelled_at_once_and_never_claimed) {
  const int64_t t = runTemplate();
  const int64_t a = *createForSlot(slotJob(t, 60'000), 120'000);
  BOOST_TEST(inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.cancelPending(s, a, "alice", 61'000); }));
  const Job cancelled = *jobs.findById(a);
  BOOST_TEST(jobStateName(cancelled.state) == "cancelled");
  BOOST_TEST(cancelled.outcome.value_or("") == "cancelled");
  BOOST_TEST(cancelled.message.value_or("") == "cancelled by alice");
  BOOST_TEST(cancelled.endAt.value_or(0) == 61'000);
  BOOST_TEST(!claimNext("exec-1", 200'000, 260'000).has_value());
  const RunTemplate tmpl = *RunTemplateRepository(*db).findById(t);
  BOOST_TEST(tmpl.failureCount == 0);  // it never ran
  // Only a pending job: a second call, a running or a missing job change nothing.
  BOOST_TEST(!inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.cancelPending(s, a, "bob", 62'000); }));
  BOOST_TEST(jobs.findById(a)->message.value_or("") == "cancelled by alice");
  const int64_t b = createAdhoc(adhocJob(0));
  claimNext("exec-1", 1'000, 60'000);
  BOOST_TEST(!inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.cancelPending(s, b, "bob", 2'000); }));
  BOOST_TEST(jobStateName(jobs.findById(b)->state) == "running");
  BOOST_TEST(!inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.cancelPending(s, 9'999, "bob", 2'000); }));
}

BOOST_AUTO_TEST_CASE(a_cancel_request_of_a_running_job_is_kept_for_its_executor) {
  const int64_t a = createAdhoc(adhocJob(0));
  const int64_t other = createAdhoc(adhocJob(0));
  claimNext("exec-1", 1'000, 60'000);
  claimNext("exec-2", 1'000, 60'000);
  auto request = [&](int64_t id, const std::string& actor, Instant at) {
    return inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.requestCancel(s, id, actor, at); });
  };
  auto requests = [&](const std::string& owner) {
    return inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.cancelRequests(s, owner); });
  };
  BOOST_TEST(requests("exec-1").empty());
  BOOST_TEST(request(a, "alice", 2'000));
  BOOST_TEST(request(a, "bob", 3'000));  // idempotent: the first request stands
  const Job running = *jobs.findById(a);
  BOOST_TEST(jobStateName(running.state) == "running");
  BOOST_TEST(running.cancelRequestedAt.value_or(0) == 2'000);
  BOOST_TEST(running.cancelRequestedBy.value_or("") == "alice");
  BOOST_TEST((requests("exec-1") == std::map<int64_t, std::string>{{a, "alice"}}));
  BOOST_TEST(requests("exec-2").empty());  // the other executor's job is not touched
  BOOST_TEST(!jobs.findById(other)->cancelRequestedAt.has_value());
  // Once it has ended, no request is taken and none is pending any more.
  BOOST_TEST(finish(a, "exec-1", JobEnd{JobState::Cancelled, "cancelled", std::nullopt, 15, "", 4'000}));
  BOOST_TEST(!request(a, "carol", 5'000));
  BOOST_TEST(requests("exec-1").empty());
  BOOST_TEST(!request(9'999, "carol", 5'000));
  const int64_t pending = createAdhoc(adhocJob(90'000));
  BOOST_TEST(!request(pending, "carol", 5'000));  // pending jobs are cancelled, not requested
}

BOOST_AUTO_TEST_CASE(hostile_actor_names_are_stored_as_text) {
  const int64_t a = createAdhoc(adhocJob(0));
  const std::string actor = "x'); DROP TABLE job; --" + std::string(10'000, 'y');
  BOOST_TEST(inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.cancelPending(s, a, actor, 1'000); }));
  BOOST_TEST(jobs.findById(a)->message.value_or("") == "cancelled by " + actor);
  const int64_t b = createAdhoc(adhocJob(0));
  claimNext("exec-1", 1'000, 60'000);
  const std::string nul("a\0b", 3);
  BOOST_TEST(inTransaction(*db, [&](Poco::Data::Session& s) { return jobs.requestCancel(s, b, nul, 2'000); }));
  BOOST_TEST(jobs.list(JobFilter{}).size() == 2u);  // the table is intact
}

BOOST_AUTO_TEST_CASE(job_states_have_multiflexis_names) {
  BOOST_TEST(jobStateName(parseJobState("success")) == "success");
  BOOST_CHECK_EXCEPTION(parseJobState("done"), ValidationException, [](const ValidationException& e) {
    return e.message().find("status: unknown job state 'done'") == 0;
  });
}

BOOST_AUTO_TEST_SUITE_END()
