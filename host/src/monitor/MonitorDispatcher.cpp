#include "monitor/MonitorDispatcher.h"

#include "common/Json.h"
#include "monitor/JobReport.h"
#include "store/ApplicationRepository.h"
#include "store/CompanyRepository.h"
#include "store/Database.h"
#include "store/JobRepository.h"
#include "store/RunTemplateRepository.h"
#include "store/Sql.h"

#include <Poco/Environment.h>
#include <Poco/Logger.h>

#include <map>

namespace MultiFlexi {

namespace {

Poco::Logger& logger() { return Poco::Logger::get("multiflexi.monitor"); }

constexpr std::size_t kAnnouncedKept = 65'536;
constexpr int64_t kCancelledBatch = 500;

/// Records read once per batch of notes.
template <class T>
class BatchCache {
 public:
  template <class Read>
  const T* get(int64_t id, Read read) {
    auto it = _items.find(id);
    if (it == _items.end()) it = _items.emplace(id, read(id)).first;
    return it->second ? &*it->second : nullptr;
  }

 private:
  std::map<int64_t, std::optional<T>> _items;
};

std::string inventoryJson(Database& database, const std::string& host, const std::string& daemon) {
  Poco::Data::Session s = database.session();
  OrderedJson a = OrderedJson::object();
  a["host"] = host;
  a["daemon"] = daemon;
  a["applications"] = Sql::scalar(s, "SELECT COUNT(*) FROM application");
  a["companies"] = Sql::scalar(s, "SELECT COUNT(*) FROM company");
  a["runtemplates"] = Sql::scalar(s, "SELECT COUNT(*) FROM runtemplate");
  a["runtemplates_active"] = Sql::scalar(s, "SELECT COUNT(*) FROM runtemplate WHERE active <> 0");
  a["jobs_running"] = Sql::scalar(s, "SELECT COUNT(*) FROM job WHERE state = 'running'");
  a["jobs_queued"] = Sql::scalar(s, "SELECT COUNT(*) FROM job WHERE state = 'pending'");
  a["version"] = MFX_VERSION;
  return a.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace

MonitorDispatcher::MonitorDispatcher(Database& database, const std::vector<MonitorAdapter*>& monitors,
                                     MonitorQueueOptions options, std::string daemon)
    : _database(database),
      _options(options),
      _daemon(std::move(daemon)),
      _host(Poco::Environment::nodeName()),
      _cancelledAfterEnd(nowMs()) {
  for (MonitorAdapter* monitor : monitors) {
    _queues.push_back(std::make_unique<MonitorQueue>(*monitor, options));
    _queues.back()->start();
  }
  _builder = std::thread([this] { build(); });
}

MonitorDispatcher::~MonitorDispatcher() { stop(std::chrono::milliseconds(0)); }

bool MonitorDispatcher::queueNote(Note&& n) {
  if (_quit) return false;
  if (_notes.size() >= _options.capacity) {
    for (auto& queue : _queues) queue->countDropped();
    return false;
  }
  _notes.push_back(std::move(n));
  return true;
}

void MonitorDispatcher::note(Note n) {
  {
    std::lock_guard<std::mutex> lock(_mutex);
    if (!queueNote(std::move(n))) return;
  }
  _wake.notify_one();
}

void MonitorDispatcher::announce(int64_t jobId, Instant at) {
  {
    // One critical section: whoever announces first also queues first, so
    // the other side's later notes (STARTED ...) come after it.
    std::lock_guard<std::mutex> lock(_mutex);
    if (!_announced.insert(jobId).second) return;
    _announcedOrder.push_back(jobId);
    if (_announcedOrder.size() > kAnnouncedKept) {
      _announced.erase(_announcedOrder.front());
      _announcedOrder.pop_front();
    }
    if (!queueNote(Note{MFX_EV_SCHEDULED, jobId, at, "", std::nullopt})) return;
  }
  _wake.notify_one();
}

void MonitorDispatcher::jobsCreated(const std::vector<int64_t>& ids) {
  const Instant now = nowMs();
  for (int64_t id : ids) announce(id, now);
}

void MonitorDispatcher::jobsClaimed(const std::vector<Job>& jobs) {
  const Instant now = nowMs();
  const bool schedulerHere = _daemon == "up";
  for (const Job& job : jobs)
    if (!job.slot || schedulerHere) announce(job.id, now);  // ad hoc: announced when claimed
}

void MonitorDispatcher::jobStartRecorded(const JobStartReport& report) {
  note(Note{MFX_EV_STARTED, report.jobId, report.at, report.resultFile, std::nullopt});
}

void MonitorDispatcher::jobEndRecorded(const JobEndReport& report) {
  note(Note{0, report.jobId, report.end ? report.end->endAt : nowMs(), report.resultFile, report.resultData});
}

void MonitorDispatcher::jobsLost(const std::vector<LostJob>& lost) {
  const Instant now = nowMs();
  for (const LostJob& job : lost) note(Note{MFX_EV_LOST, job.id, now, "", std::nullopt});
}

void MonitorDispatcher::pollCancelledBeforeStart() {
  JobRepository jobs(_database);
  for (;;) {
    const auto cancelled = jobs.cancelledBeforeStart(_cancelledAfterEnd, _cancelledAfterId, kCancelledBatch);
    for (const auto& [id, end] : cancelled) {
      note(Note{0, id, end, "", std::nullopt});  // its kind from the record: CANCELLED
      _cancelledAfterEnd = end;
      _cancelledAfterId = id;
    }
    if (static_cast<int64_t>(cancelled.size()) < kCancelledBatch) return;
  }
}

void MonitorDispatcher::heartbeat() { note(Note{MFX_EV_HEARTBEAT, 0, nowMs(), "", std::nullopt}); }

void MonitorDispatcher::dropUnbuilt(int64_t jobId, const std::string& reason) {
  logger().error("cannot build the monitor event of job %?d: %s; counted as dropped", jobId, reason);
  for (auto& queue : _queues) queue->countDropped();
}

void MonitorDispatcher::publish(const std::shared_ptr<const MonitorEvent>& event) {
  for (auto& queue : _queues) queue->push(event);
}

void MonitorDispatcher::build() {
  std::unique_lock<std::mutex> lock(_mutex);
  for (;;) {
    _wake.wait(lock, [this] { return _quit || !_notes.empty(); });
    if (_notes.empty()) break;  // quit with nothing left
    std::deque<Note> batch;
    batch.swap(_notes);
    _building = true;
    lock.unlock();
    JobRepository jobs(_database);
    RunTemplateRepository templates(_database);
    ApplicationRepository apps(_database);
    CompanyRepository companies(_database);
    BatchCache<RunTemplate> templateCache;
    BatchCache<Application> appCache;
    BatchCache<Company> companyCache;
    for (Note& n : batch) {
      try {
        if (n.kind == MFX_EV_HEARTBEAT) {
          auto ev = std::make_shared<MonitorEvent>();
          ev->kind = MFX_EV_HEARTBEAT;
          ev->timestampMs = n.at;
          ev->attributesJson = inventoryJson(_database, _host, _daemon);
          publish(ev);
          continue;
        }
        const auto job = jobs.findById(n.jobId);  // fresh: its state as the note's pass committed it
        if (!job) continue;                      // deleted meanwhile
        JobReportInput in;
        in.kind = n.kind != 0 ? n.kind : endKindOf(job->outcome.value_or(""), job->state);
        if (n.kind == 0 && in.kind == MFX_EV_LOST) continue;  // LOST went out when it was declared
        in.job = &*job;
        if (job->runtemplateId)
          in.runTemplate = templateCache.get(*job->runtemplateId, [&](int64_t id) { return templates.findById(id); });
        in.app = appCache.get(job->appId, [&](int64_t id) { return apps.findById(id); });
        in.company = companyCache.get(job->companyId, [&](int64_t id) { return companies.findById(id); });
        in.at = n.at;
        in.resultFile = n.resultFile;
        in.resultData = std::move(n.resultData);
        in.host = _host;
        publish(std::make_shared<MonitorEvent>(jobReport(in)));
      } catch (const Poco::Exception& e) {
        // Degraded, visible: the event is lost for every monitor and counted.
        dropUnbuilt(n.jobId, e.displayText());
      } catch (const std::exception& e) {
        dropUnbuilt(n.jobId, e.what());
      }
    }
    lock.lock();
    _building = false;
    _idle.notify_all();
  }
}

std::size_t MonitorDispatcher::stop(std::chrono::milliseconds grace) {
  {
    std::unique_lock<std::mutex> lock(_mutex);
    if (_stopped) return 0;
    _stopped = true;
    _quit = true;  // no more notes; what is noted is still built
  }
  _wake.notify_all();
  if (_builder.joinable()) _builder.join();
  std::size_t left = 0;
  for (auto& queue : _queues) left += queue->stop(grace);
  return left;
}

std::vector<MonitorStats> MonitorDispatcher::stats() const {
  std::vector<MonitorStats> out;
  for (const auto& queue : _queues) out.push_back(queue->stats());
  return out;
}

}  // namespace MultiFlexi
