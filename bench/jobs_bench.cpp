// Job throughput and latency of scheduler + executor + native plugin on the
// embedded store, every state change committed (synchronous=FULL), printed
// beside a bare posix_spawn loop measured in the same run; and the resident
// memory of a real `multiflexi up` idle and under load; with --monitors 1 the
// throughput also with the zabbix and otel monitors delivering every job's
// events to a server that never answers. See README.md.
#include "executor/ExecutorService.h"
#include "monitor/MonitorDispatcher.h"
#include "plugin/PluginRegistry.h"
#include "scheduler/Scheduler.h"
#include "scheduler/SchedulerService.h"
#include "store/ApplicationRepository.h"
#include "store/CompanyRepository.h"
#include "store/JobRepository.h"
#include "store/RunTemplateRepository.h"
#include "store/Transaction.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Process.h>
#include <Poco/Util/MapConfiguration.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace MultiFlexi;
using namespace std::chrono;
using Steady = steady_clock;

namespace {

struct Options {
  int jobs = 1000;
  int parallel = 8;
  int latencySamples = 200;
  int latenessMinutes = 2;
  int latenessTemplates = 4;
  bool rss = true;
  bool confined = true;  ///< the native plugin's defaults; 0: no job user, no limits (argv not wrapped)
  bool monitors = false;  ///< throughput again with the zabbix and otel monitors
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (k == "--jobs") o.jobs = v;
    else if (k == "--parallel") o.parallel = v;
    else if (k == "--latency-samples") o.latencySamples = v;
    else if (k == "--lateness-minutes") o.latenessMinutes = v;
    else if (k == "--lateness-templates") o.latenessTemplates = v;
    else if (k == "--rss") o.rss = v != 0;
    else if (k == "--confined") o.confined = v != 0;
    else if (k == "--monitors") o.monitors = v != 0;
    else throw std::runtime_error("unknown option " + k);
  }
  return o;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

/// Waits for a number of job events and remembers when each happened.
class Recorder : public JobObserver {
 public:
  void jobStarted(int64_t jobId, int64_t) override {
    const auto now = Steady::now();
    const Instant wall = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
    std::lock_guard<std::mutex> lock(_mutex);
    _started[jobId] = now;
    _startedWallUs[jobId] = wall;
    _changed.notify_all();
  }
  void jobFinished(int64_t, const JobEnd&) override {
    std::lock_guard<std::mutex> lock(_mutex);
    ++_finished;
    _changed.notify_all();
  }
  void waitFinished(int count) {
    std::unique_lock<std::mutex> lock(_mutex);
    _changed.wait(lock, [&] { return _finished >= count; });
  }
  Steady::time_point waitStarted(int64_t jobId) {
    std::unique_lock<std::mutex> lock(_mutex);
    _changed.wait(lock, [&] { return _started.count(jobId) > 0; });
    return _started[jobId];
  }
  std::map<int64_t, int64_t> startedWallUs() {
    std::lock_guard<std::mutex> lock(_mutex);
    return _startedWallUs;
  }

 private:
  std::mutex _mutex;
  std::condition_variable _changed;
  std::map<int64_t, Steady::time_point> _started;
  std::map<int64_t, int64_t> _startedWallUs;
  int _finished = 0;
};

/// A private store with one company and an application running /bin/true.
struct Store {
  std::filesystem::path dir;
  std::unique_ptr<Database> db;
  int64_t company = 0;
  int64_t app = 0;

  explicit Store(const std::string& name) {
    dir = std::filesystem::temp_directory_path() / ("mfx-bench-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    db = Database::openSqlite((dir / "multiflexi.db").string());
    Company c;
    c.name = "Bench";
    c.slug = "bench";
    company = CompanyRepository(*db).create(c);
    Application a;
    a.name = "true";
    a.nameJson = "\"true\"";
    a.descriptionJson = "\"/bin/true\"";
    a.executable = "/bin/true";
    app = ApplicationRepository(*db).upsert(a).id;
  }
  ~Store() { std::filesystem::remove_all(dir); }

  int64_t addTemplate(char interval, const std::string& name) {
    RunTemplate t;
    t.name = name;
    t.appId = app;
    t.companyId = company;
    t.interval = interval;
    return RunTemplateRepository(*db).create(t);
  }
  ExecutorSettings executorSettings(int parallel) const {
    ExecutorSettings s;
    s.launch.jobsDir = (dir / "jobs").string();
    s.launch.version = "bench";
    s.launch.daemonEnvironment = {{"PATH", "/usr/bin:/bin"}};
    s.runDir = (dir / "run").string();
    s.maxParallel = static_cast<std::size_t>(parallel);
    return s;
  }
};

/// The same work with nothing but posix_spawn and waitpid.
double spawnLoopSeconds(int jobs, int parallel) {
  const auto begin = Steady::now();
  char arg0[] = "/bin/true";
  char* argv[] = {arg0, nullptr};
  int started = 0, running = 0;
  while (started < jobs || running > 0) {
    while (started < jobs && running < parallel) {
      pid_t pid;
      if (posix_spawn(&pid, "/bin/true", nullptr, nullptr, argv, environ) != 0) throw std::runtime_error("spawn");
      ++started;
      ++running;
    }
    int status;
    if (::waitpid(-1, &status, 0) > 0) --running;
  }
  return duration<double>(Steady::now() - begin).count();
}

/// Hands every observer call to the recorder and to the monitors' dispatcher.
class Tee : public JobObserver {
 public:
  Tee(JobObserver& first, JobObserver& second) : _first(first), _second(second) {}
  void jobStarted(int64_t jobId, int64_t pid) override {
    _first.jobStarted(jobId, pid);
    _second.jobStarted(jobId, pid);
  }
  void jobFinished(int64_t jobId, const JobEnd& end) override {
    _first.jobFinished(jobId, end);
    _second.jobFinished(jobId, end);
  }
  void jobsClaimed(const std::vector<Job>& jobs) override { _second.jobsClaimed(jobs); }
  void jobStartRecorded(const JobStartReport& r) override { _second.jobStartRecorded(r); }
  void jobEndRecorded(const JobEndReport& r) override { _second.jobEndRecorded(r); }
  void jobsLost(const std::vector<LostJob>& lost) override { _second.jobsLost(lost); }

 private:
  JobObserver& _first;
  JobObserver& _second;
};

/// Seconds from the scheduler's tick to the last recorded end of `o.jobs`
/// jobs; with `monitors`, every job's events also go to them.
double timedRun(const Options& o, PluginRegistry& plugins, const std::vector<MonitorAdapter*>& monitors) {
  Store store(monitors.empty() ? "throughput" : "throughput-monitors");
  for (int i = 0; i < o.jobs; ++i) store.addTemplate('i', "t" + std::to_string(i));
  Recorder recorder;
  std::unique_ptr<MonitorDispatcher> dispatcher;
  std::unique_ptr<Tee> tee;
  if (!monitors.empty()) {
    dispatcher = std::make_unique<MonitorDispatcher>(*store.db, monitors, MonitorQueueOptions{}, "up");
    tee = std::make_unique<Tee>(recorder, *dispatcher);
  }
  ExecutorService executor(*store.db, plugins, store.executorSettings(o.parallel));
  executor.setObserver(tee ? static_cast<JobObserver*>(tee.get()) : &recorder);
  const auto begin = Steady::now();
  const TickReport tick = Scheduler(*store.db, SchedulerSettings{}).tick(nowMs());
  if (dispatcher) dispatcher->jobsCreated(tick.created);
  executor.run(true);
  const double elapsed = duration<double>(Steady::now() - begin).count();
  const auto counts = JobRepository(*store.db).countByState();
  const long long succeeded = counts.count(JobState::Success) ? counts.at(JobState::Success) : 0;
  if (succeeded != o.jobs) throw std::runtime_error("only " + std::to_string(succeeded) + " jobs succeeded");
  if (dispatcher) {
    dispatcher->stop(seconds(2));
    std::uint64_t delivered = 0, dropped = 0;
    for (const MonitorStats& st : dispatcher->stats()) {
      delivered += st.delivered;
      dropped += st.dropped;
    }
    std::printf("  (monitors: %llu events delivered, %llu dropped)\n", static_cast<unsigned long long>(delivered),
                static_cast<unsigned long long>(dropped));
  }
  return elapsed;
}

void throughput(const Options& o, PluginRegistry& plugins) {
  std::printf("throughput  %d jobs due at once (scheduler tick -> all ends recorded), parallel %d\n", o.jobs,
              o.parallel);
  const double ours = timedRun(o, plugins, {});
  const double bare = spawnLoopSeconds(o.jobs, o.parallel);
  std::printf("  multiflexi     %8.1f jobs/s  (%.3f s)\n", o.jobs / ours, ours);
  std::printf("  posix_spawn    %8.1f jobs/s  (%.3f s)\n", o.jobs / bare, bare);
  std::printf("  ratio          %8.3f\n", bare / ours);
  if (!o.monitors) return;
  const double monitored = timedRun(o, plugins, plugins.monitors());
  const double bareAgain = spawnLoopSeconds(o.jobs, o.parallel);
  std::printf("  with monitors  %8.1f jobs/s  (%.3f s; zabbix and otel, both to a server that never answers)\n",
              o.jobs / monitored, monitored);
  std::printf("  posix_spawn    %8.1f jobs/s  (%.3f s)\n", o.jobs / bareAgain, bareAgain);
  std::printf("  ratio          %8.3f  (%.1f%% of the ratio without monitors)\n", bareAgain / monitored,
              100.0 * (bareAgain / monitored) / (bare / ours));
}

void enqueueLatency(const Options& o, PluginRegistry& plugins) {
  Store store("latency");
  const RunTemplate adhoc = *RunTemplateRepository(*store.db).findById(store.addTemplate('n', "adhoc"));
  Recorder recorder;
  ExecutorService executor(*store.db, plugins, store.executorSettings(o.parallel));
  executor.setObserver(&recorder);
  std::thread loop([&] { executor.run(false); });
  std::this_thread::sleep_for(milliseconds(200));
  JobRepository jobs(*store.db);
  std::vector<double> ms;
  for (int i = 0; i < o.latencySamples; ++i) {
    const auto t0 = Steady::now();
    const Job j = adhocJob(adhoc, nowMs(), "adhoc-cli");
    // What run-template:schedule does: one committed insert, then a wake-up.
    const int64_t id = inTransaction(*store.db, [&](Poco::Data::Session& s) { return jobs.createAdhoc(s, j, {}); });
    notifyDaemons((store.dir / "run").string(), WakeTopic::Jobs);
    const auto t1 = recorder.waitStarted(id);
    ms.push_back(duration<double, std::milli>(t1 - t0).count());
    recorder.waitFinished(i + 1);
  }
  executor.stop();
  loop.join();
  std::printf("enqueue -> process start (%d ad-hoc runs, one at a time)\n", o.latencySamples);
  std::printf("  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms\n", percentile(ms, 0.5), percentile(ms, 0.95),
              percentile(ms, 0.99), percentile(ms, 1.0));
}

void lateness(const Options& o, PluginRegistry& plugins) {
  if (o.latenessMinutes <= 0) return;
  Store store("lateness");
  Recorder recorder;
  ExecutorService executor(*store.db, plugins, store.executorSettings(o.parallel));
  executor.setObserver(&recorder);
  SchedulerSettings schedulerSettings;
  schedulerSettings.lead = milliseconds(1000);  // as multiflexi up
  SchedulerService scheduler(*store.db, schedulerSettings, (store.dir / "run").string(), seconds(60));
  scheduler.setJobsCreated([&](const std::vector<int64_t>&) { executor.wake(); });
  // A new template runs its current slot at once (late on purpose): book
  // the next minute as each one's first slot.
  const Instant nextMinute = (nowMs() / 60'000 + 1) * 60'000;
  std::this_thread::sleep_for(milliseconds(nextMinute - nowMs() - 500));
  RunTemplateRepository templates(*store.db);
  for (int i = 0; i < o.latenessTemplates; ++i) {
    const int64_t id = store.addTemplate('i', "t" + std::to_string(i));
    inTransaction(*store.db, [&](Poco::Data::Session& s) { templates.setNextSchedule(s, id, nextMinute); });
  }
  std::thread schedulerThread([&] { scheduler.run(false); });
  std::thread executorThread([&] { executor.run(false); });
  recorder.waitFinished(o.latenessMinutes * o.latenessTemplates);
  scheduler.stop();
  executor.stop();
  schedulerThread.join();
  executorThread.join();
  std::vector<double> ms;
  JobRepository jobs(*store.db);
  for (const auto& [id, wallUs] : recorder.startedWallUs()) {
    const Job j = *jobs.findById(id);
    if (j.slot) ms.push_back(static_cast<double>(wallUs - j.scheduledFor * 1000) / 1000.0);
  }
  std::printf("scheduled slot -> process start (%d templates every minute, %zu runs)\n", o.latenessTemplates,
              ms.size());
  std::printf("  p50 %.2f ms  p99 %.2f ms  max %.2f ms\n", percentile(ms, 0.5), percentile(ms, 0.99),
              percentile(ms, 1.0));
}

int64_t statusKb(int pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(field + ":", 0) == 0) return std::atoll(line.c_str() + field.size() + 1);
  return -1;
}

void daemonMemory(const Options& o) {
  if (!o.rss) return;
  Store store("rss");
  const RunTemplate adhoc = *RunTemplateRepository(*store.db).findById(store.addTemplate('n', "adhoc"));
  Poco::Process::Env env{{"MULTIFLEXI_MAX_PARALLEL", std::to_string(o.parallel)}};
  Poco::ProcessHandle up = Poco::Process::launch(MFX_BINARY, {"up", "--data-dir", store.dir.string()}, nullptr,
                                                 nullptr, nullptr, env);
  std::this_thread::sleep_for(seconds(3));
  const int64_t idle = statusKb(up.id(), "VmRSS");
  JobRepository jobs(*store.db);
  inTransaction(*store.db, [&](Poco::Data::Session& s) {
    for (int i = 0; i < o.jobs; ++i) jobs.createAdhoc(s, adhocJob(adhoc, nowMs(), "adhoc-cli"), {});
  });
  notifyDaemons((store.dir / "run").string(), WakeTopic::Jobs);
  int64_t busy = 0;
  for (;;) {
    busy = std::max(busy, statusKb(up.id(), "VmRSS"));
    const auto counts = jobs.countByState();
    if (!counts.count(JobState::Pending) && !counts.count(JobState::Running)) break;
    std::this_thread::sleep_for(milliseconds(20));
  }
  const int64_t peak = statusKb(up.id(), "VmHWM");
  Poco::Process::requestTermination(up.id());
  up.wait();
  std::printf("multiflexi up resident memory (real daemon process)\n");
  std::printf("  idle %.1f MB   under load (%d jobs) %.1f MB   peak (VmHWM) %.1f MB\n", idle / 1024.0, o.jobs,
              busy / 1024.0, peak / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
    if (!o.confined)
      for (const char* key : {"user", "max_processes", "max_memory_mb"})
        config->setString(std::string("plugins.org.multiflexi.native.") + key, key == std::string("user") ? "" : "0");
    // Accepts connections (the kernel's backlog) and never answers.
    Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0), 4096);
    if (o.monitors) {
      const std::string address = "127.0.0.1:" + std::to_string(silent.address().port());
      config->setString("plugins.org.multiflexi.zabbix.ZABBIX_SERVER", address);
      config->setString("plugins.org.multiflexi.otel.OTEL_ENABLED", "true");
      config->setString("plugins.org.multiflexi.otel.OTEL_EXPORTER_OTLP_ENDPOINT", "http://" + address);
      config->setString("plugins.org.multiflexi.otel.OTEL_EXPORTER_OTLP_TIMEOUT", "1000");  // a short stop
    }
    PluginRegistry plugins(*config);
    if (!plugins.loadFile(std::string(MFX_PLUGIN_DIR) + "/mfx_native.so").loaded())
      throw std::runtime_error("cannot load the native plugin");
    if (o.monitors)
      for (const char* name : {"/mfx_zabbix.so", "/mfx_otel.so"})
        if (!plugins.loadFile(std::string(MFX_PLUGIN_DIR) + name).loaded())
          throw std::runtime_error(std::string("cannot load ") + name);
    std::printf("machine: %u cores; store: SQLite WAL, synchronous=FULL, one commit per loop pass\n",
                std::thread::hardware_concurrency());
    std::printf("native jobs: %s\n\n", o.confined ? "the plugin's defaults (job user and limits when root)"
                                                    : "unconfined (--confined 0: the daemon's user, no limits)");
    throughput(o, plugins);
    enqueueLatency(o, plugins);
    lateness(o, plugins);
    daemonMemory(o);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "mfx_bench_jobs: " << e.what() << '\n';
    return 1;
  }
}
