// The host's side of the job protocol, against executors that misbehave on
// purpose: the host records one clean result whatever the plugin does.
#include <boost/test/unit_test.hpp>

#include "plugin/HostContext.h"
#include "plugin/HostJob.h"

#include <atomic>
#include <thread>

using namespace MultiFlexi;
using namespace std::chrono_literals;

namespace {

/// What the scripted executor does in start().
enum class Script { FinishTwiceThenTalk, UnknownOutcome, RefuseToStart, FinishLaterFromThread };

struct Counters {
  std::atomic<int> destroyed{0};
  std::atomic<int> cancelled{0};
  std::atomic<int64_t> lastGrace{-1};
};

struct ScriptedJob {
  const mfx_job_events* events;
  Counters* counters;
  std::thread worker;
};

Script gScript;
Counters gCounters;

void finishExited(const mfx_job_events* ev, int32_t outcome) {
  mfx_exit_info info{sizeof(mfx_exit_info), outcome, 0, 0, mfx_str{"done", 4}};
  ev->finished(ev->host_job, &info);
}

mfx_rc scriptedStart(void*, const mfx_job_spec*, const mfx_job_events* ev, void** out, mfx_status* st) {
  switch (gScript) {
    case Script::RefuseToStart: {
      // A real plugin writes through host->status_set; the host's status
      // type is visible here because this test is the host.
      st->code = MFX_E_NOT_FOUND;
      st->message = "image registry.example/app:1 not found";
      return MFX_E_NOT_FOUND;
    }
    case Script::FinishTwiceThenTalk:
      ev->started(ev->host_job, 123, mfx_str{"", 0});
      ev->output(ev->host_job, MFX_STREAM_STDOUT, mfx_str{"one", 3});
      finishExited(ev, MFX_EXIT_EXITED);
      finishExited(ev, MFX_EXIT_EXITED);
      ev->output(ev->host_job, MFX_STREAM_STDOUT, mfx_str{"late", 4});
      ev->started(ev->host_job, 456, mfx_str{"", 0});
      *out = new ScriptedJob{ev, &gCounters, {}};
      return MFX_OK;
    case Script::UnknownOutcome:
      finishExited(ev, 99);
      *out = new ScriptedJob{ev, &gCounters, {}};
      return MFX_OK;
    case Script::FinishLaterFromThread: {
      auto* job = new ScriptedJob{ev, &gCounters, {}};
      job->worker = std::thread([job] {
        while (job->counters->cancelled.load() == 0) std::this_thread::sleep_for(1ms);
        mfx_exit_info info{sizeof(mfx_exit_info), MFX_EXIT_CANCELLED, -1, 15, mfx_str{"", 0}};
        job->events->finished(job->events->host_job, &info);
      });
      *out = job;
      return MFX_OK;
    }
  }
  return MFX_E_INTERNAL;
}

mfx_rc scriptedCancel(void* job, int64_t grace, mfx_status*) {
  auto* j = static_cast<ScriptedJob*>(job);
  j->counters->lastGrace = grace;
  ++j->counters->cancelled;
  return MFX_OK;
}

void scriptedDestroy(void* job) {
  auto* j = static_cast<ScriptedJob*>(job);
  if (j->worker.joinable()) j->worker.join();
  ++j->counters->destroyed;
  delete j;
}

mfx_executor scriptedExecutor() {
  mfx_executor e{};
  e.struct_size = sizeof e;
  e.id = "scripted";
  e.display_name = "Scripted";
  e.start = &scriptedStart;
  e.cancel = &scriptedCancel;
  e.destroy = &scriptedDestroy;
  return e;
}

struct Sink : JobSink {
  std::vector<int64_t> pids;
  std::string out;
  std::vector<JobResult> results;
  void onStarted(int64_t pid, std::string_view) override { pids.push_back(pid); }
  void onOutput(int32_t, std::string_view bytes) override { out.append(bytes); }
  void onFinished(const JobResult& r) override { results.push_back(r); }
};

struct JobFixture {
  JobFixture() {
    gCounters.destroyed = 0;
    gCounters.cancelled = 0;
    gCounters.lastGrace = -1;
  }
  mfx_executor executor = scriptedExecutor();
  Sink sink;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(host_job, JobFixture)

BOOST_AUTO_TEST_CASE(events_after_finished_are_dropped_and_finished_counts_once) {
  gScript = Script::FinishTwiceThenTalk;
  {
    HostJob job(executor, JobRequest{}, sink);
    job.start();
    const JobResult result = job.wait();
    BOOST_TEST(result.outcome == MFX_EXIT_EXITED);
    BOOST_TEST(result.message == "done");
  }
  BOOST_TEST(sink.results.size() == 1u);
  BOOST_TEST(sink.out == "one");
  BOOST_TEST(sink.pids == std::vector<int64_t>{123});
  BOOST_TEST(gCounters.destroyed == 1);
}

BOOST_AUTO_TEST_CASE(an_unknown_outcome_becomes_lost) {
  gScript = Script::UnknownOutcome;
  HostJob job(executor, JobRequest{}, sink);
  job.start();
  const JobResult result = job.wait();
  BOOST_TEST(result.outcome == MFX_EXIT_LOST);
  BOOST_TEST(result.message.find("unknown outcome 99") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_refused_start_is_a_launch_failure_with_the_plugins_reason) {
  gScript = Script::RefuseToStart;
  {
    HostJob job(executor, JobRequest{}, sink);
    job.start();
    const JobResult result = job.wait();
    BOOST_TEST(result.outcome == MFX_EXIT_LAUNCH_FAILED);
    BOOST_TEST(result.message == "image registry.example/app:1 not found");
  }
  BOOST_TEST(sink.results.size() == 1u);
  BOOST_TEST(gCounters.destroyed == 0);  // no handle was ever given
}

BOOST_AUTO_TEST_CASE(cancel_is_forwarded_while_running_and_destroy_comes_after_finish) {
  gScript = Script::FinishLaterFromThread;
  HostJob job(executor, JobRequest{}, sink);
  job.start();
  BOOST_TEST(!job.waitFor(50ms).has_value());
  job.cancel(1500ms);
  const JobResult result = job.wait();
  BOOST_TEST(result.outcome == MFX_EXIT_CANCELLED);
  BOOST_TEST(gCounters.lastGrace == 1500);
  BOOST_TEST(gCounters.destroyed == 1);
  job.cancel(0ms);  // after release: not forwarded
  BOOST_TEST(gCounters.cancelled == 1);
}

BOOST_AUTO_TEST_CASE(destroying_a_running_job_cancels_it_first) {
  gScript = Script::FinishLaterFromThread;
  {
    HostJob job(executor, JobRequest{}, sink);
    job.start();
  }
  BOOST_TEST(gCounters.cancelled == 1);
  BOOST_TEST(gCounters.lastGrace == 0);
  BOOST_TEST(gCounters.destroyed == 1);
  BOOST_TEST(sink.results.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
