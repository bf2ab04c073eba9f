// A monitor table written in the test (no plugin file): it records the
// events it receives, can be slowed down or held inside on_event, and fails
// (logs an error through the host, as the SDK's wrapper does for an
// exception) on a chosen kind. Header-only; host tests only.
#pragma once

#include "plugin/HostApi.h"
#include "plugin/HostContext.h"

#include <Poco/Logger.h>
#include <Poco/Util/MapConfiguration.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace MultiFlexi::Testing {

struct TestMonitor {
  explicit TestMonitor(std::string id) : name(std::move(id)) {}

  std::string name;
  Poco::AutoPtr<Poco::Util::MapConfiguration> config{new Poco::Util::MapConfiguration};
  mfx_host_ctx ctx{"org.test." + name, Poco::Logger::get("test.monitor"), *config};
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::pair<int32_t, int64_t>> seen;  // kind, job id
  std::vector<std::string> attributes;
  bool held = false;  // on_event waits while true
  int sleepMs = 0;
  int32_t failOnKind = 0;
  int flushes = 0;
  int frees = 0;

  mfx_monitor table(uint32_t mask = ~0u) {
    mfx_monitor t{};
    t.struct_size = sizeof t;
    t.id = name.c_str();
    t.display_name = "Test monitor";
    t.type_data = this;
    t.event_mask = mask;
    t.on_event = [](void* self, const mfx_job_event* ev) { static_cast<TestMonitor*>(self)->onEvent(*ev); };
    t.flush = [](void* self) {
      auto* m = static_cast<TestMonitor*>(self);
      std::lock_guard<std::mutex> lock(m->mutex);
      ++m->flushes;
    };
    t.free_type_data = [](void* self) {
      auto* m = static_cast<TestMonitor*>(self);
      std::lock_guard<std::mutex> lock(m->mutex);
      ++m->frees;
    };
    return t;
  }

  void onEvent(const mfx_job_event& ev) {
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [this] { return !held; });
    seen.emplace_back(ev.kind, ev.scope.job_id);
    attributes.emplace_back(ev.attributes_json.ptr, ev.attributes_json.len);
    const int sleep = sleepMs;
    const bool fail = ev.kind == failOnKind;
    changed.notify_all();
    lock.unlock();
    if (sleep > 0) std::this_thread::sleep_for(std::chrono::milliseconds(sleep));
    if (fail) {
      const std::string message = "monitor event handler failed: told to";
      hostApi()->log(&ctx, MFX_LOG_ERROR, mfx_str{message.data(), message.size()});
    }
  }

  void hold(bool on) {
    std::lock_guard<std::mutex> lock(mutex);
    held = on;
    changed.notify_all();
  }

  /// Waits until `count` events were seen (at most `limit`).
  bool waitFor(std::size_t count, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
    std::unique_lock<std::mutex> lock(mutex);
    return changed.wait_for(lock, limit, [&] { return seen.size() >= count; });
  }

  std::size_t count() {
    std::lock_guard<std::mutex> lock(mutex);
    return seen.size();
  }
};

}  // namespace MultiFlexi::Testing
