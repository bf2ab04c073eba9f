// One monitor's queue: order, a bounded queue that drops and counts, a hung
// monitor that delays only itself, a stop that drains within its grace and
// flushes, and failures counted.
#define BOOST_TEST_MODULE monitor
#include <boost/test/unit_test.hpp>

#include "TestMonitor.h"
#include "monitor/MonitorQueue.h"

#include <array>
#include <chrono>

using namespace MultiFlexi;
using MultiFlexi::Testing::TestMonitor;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<const MonitorEvent> event(int32_t kind, int64_t jobId) {
  auto ev = std::make_shared<MonitorEvent>();
  ev->kind = kind;
  ev->jobId = jobId;
  ev->attributesJson = "{\"job_id\":" + std::to_string(jobId) + "}";
  return ev;
}

MonitorQueueOptions small(std::size_t capacity) {
  MonitorQueueOptions o;
  o.capacity = capacity;
  o.slowCall = 100ms;
  return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(monitor_queue)

BOOST_AUTO_TEST_CASE(events_arrive_in_the_order_pushed_with_their_attributes) {
  TestMonitor m("ordered");
  const mfx_monitor table = m.table();
  MonitorAdapter adapter(table, "org.test");
  MonitorQueue queue(adapter, small(100));
  queue.start();
  for (int64_t job = 1; job <= 3; ++job)
    for (int32_t kind : {MFX_EV_SCHEDULED, MFX_EV_STARTED, MFX_EV_FINISHED}) BOOST_TEST(queue.push(event(kind, job)));
  BOOST_REQUIRE(m.waitFor(9));
  for (std::size_t i = 0; i < 9; ++i) {
    BOOST_TEST(m.seen[i].second == static_cast<int64_t>(i / 3 + 1));
    BOOST_TEST(m.seen[i].first == (std::array<int32_t, 3>{MFX_EV_SCHEDULED, MFX_EV_STARTED, MFX_EV_FINISHED}[i % 3]));
  }
  BOOST_TEST(m.attributes[0] == "{\"job_id\":1}");
  BOOST_TEST(queue.stop(1s) == 0u);
  BOOST_TEST(m.flushes == 1);
  BOOST_TEST(queue.stats().delivered == 9u);
  BOOST_TEST(queue.stats().dropped == 0u);
}

BOOST_AUTO_TEST_CASE(kinds_outside_the_mask_are_not_delivered) {
  TestMonitor m("masked");
  const mfx_monitor table = m.table(MFX_EV_BIT(MFX_EV_FINISHED));
  MonitorAdapter adapter(table, "org.test");
  BOOST_TEST(!adapter.accepts(MFX_EV_STARTED));
  BOOST_TEST(!adapter.accepts(0));
  BOOST_TEST(!adapter.accepts(-1));
  BOOST_TEST(!adapter.accepts(40));  // no shift past the mask's width
  MonitorQueue queue(adapter, small(10));
  queue.start();
  queue.push(event(MFX_EV_STARTED, 1));
  queue.push(event(MFX_EV_FINISHED, 1));
  BOOST_REQUIRE(m.waitFor(1));
  queue.stop(1s);
  BOOST_REQUIRE_EQUAL(m.seen.size(), 1u);
  BOOST_TEST(m.seen[0].first == MFX_EV_FINISHED);
}

BOOST_AUTO_TEST_CASE(a_full_queue_drops_and_counts) {
  TestMonitor m("full");
  m.hold(true);  // the first event stays inside on_event
  const mfx_monitor table = m.table();
  MonitorAdapter adapter(table, "org.test");
  MonitorQueue queue(adapter, small(2));
  queue.start();
  BOOST_TEST(queue.push(event(MFX_EV_STARTED, 1)));
  for (int i = 0; i < 1000 && queue.stats().queued != 0; ++i) std::this_thread::sleep_for(10ms);  // taken by the thread
  BOOST_REQUIRE_EQUAL(queue.stats().queued, 0u);
  BOOST_TEST(queue.push(event(MFX_EV_STARTED, 2)));
  BOOST_TEST(queue.push(event(MFX_EV_STARTED, 3)));
  BOOST_TEST(!queue.push(event(MFX_EV_STARTED, 4)));
  BOOST_TEST(!queue.push(event(MFX_EV_STARTED, 5)));
  MonitorStats s = queue.stats();
  BOOST_TEST(s.dropped == 2u);
  BOOST_TEST(s.queued == 2u);
  BOOST_TEST(s.monitorId == "full");
  BOOST_TEST(s.pluginId == "org.test");
  m.hold(false);
  BOOST_REQUIRE(m.waitFor(3));
  BOOST_TEST(queue.stop(1s) == 0u);
  BOOST_TEST(queue.stats().delivered == 3u);
  BOOST_TEST(queue.stats().dropped == 2u);
}

BOOST_AUTO_TEST_CASE(a_hung_monitor_does_not_delay_another) {
  TestMonitor hung("hung"), quick("quick");
  hung.hold(true);
  const mfx_monitor hungTable = hung.table(), quickTable = quick.table();
  MonitorAdapter hungAdapter(hungTable, "org.test"), quickAdapter(quickTable, "org.test");
  MonitorQueue hungQueue(hungAdapter, small(1000)), quickQueue(quickAdapter, small(1000));
  hungQueue.start();
  quickQueue.start();
  const auto began = std::chrono::steady_clock::now();
  for (int64_t job = 1; job <= 100; ++job) {
    hungQueue.push(event(MFX_EV_FINISHED, job));
    quickQueue.push(event(MFX_EV_FINISHED, job));
  }
  BOOST_REQUIRE(quick.waitFor(100, 10s));
  BOOST_TEST((std::chrono::steady_clock::now() - began < 10s));  // a loaded machine, not the hung one, bounds it
  BOOST_TEST(hung.count() == 0u);
  quickQueue.stop(1s);
  hung.hold(false);
  hungQueue.stop(5s);
  BOOST_TEST(hung.count() == 100u);
}

BOOST_AUTO_TEST_CASE(stop_delivers_within_its_grace_then_flushes_and_says_what_is_left) {
  TestMonitor m("slow");
  m.sleepMs = 100;
  const mfx_monitor table = m.table();
  MonitorAdapter adapter(table, "org.test");
  MonitorQueue queue(adapter, small(100));
  queue.start();
  for (int64_t job = 1; job <= 20; ++job) queue.push(event(MFX_EV_FINISHED, job));
  BOOST_REQUIRE(m.waitFor(2, 10s));  // delivering, however loaded the machine
  const auto began = std::chrono::steady_clock::now();
  const std::size_t left = queue.stop(350ms);
  const auto took = std::chrono::steady_clock::now() - began;
  BOOST_TEST((took < 3s));  // the grace and the call in flight
  BOOST_TEST(left > 10u);
  BOOST_TEST(left < 19u);
  BOOST_TEST(m.count() + left == 20u);
  BOOST_TEST(m.flushes == 1);
  BOOST_TEST(!queue.push(event(MFX_EV_FINISHED, 21)));  // stopped
}

BOOST_AUTO_TEST_CASE(a_monitor_stuck_past_the_grace_is_left_behind_never_freed) {
  auto m = std::make_shared<TestMonitor>("stuck");  // outlives the thread left behind
  m->hold(true);
  mfx_monitor table = m->table();
  auto adapter = std::make_shared<MonitorAdapter>(table, "org.test");
  {
    MonitorQueue queue(*adapter, small(10));
    queue.start();
    queue.push(event(MFX_EV_FINISHED, 1));
    queue.push(event(MFX_EV_FINISHED, 2));
    for (int i = 0; i < 1000 && queue.stats().queued != 1; ++i) std::this_thread::sleep_for(10ms);
    BOOST_REQUIRE_EQUAL(queue.stats().queued, 1u);
    const auto began = std::chrono::steady_clock::now();
    BOOST_TEST(queue.stop(200ms) == 1u);
    BOOST_TEST((std::chrono::steady_clock::now() - began < 5s));  // the grace and a second for the call
  }
  adapter->release();  // abandoned: neither flushed nor freed
  BOOST_TEST(m->flushes == 0);
  BOOST_TEST(m->frees == 0);
  m->hold(false);  // the call left behind returns
  BOOST_REQUIRE(m->waitFor(1));
  std::this_thread::sleep_for(50ms);
  BOOST_TEST(m->count() == 1u);  // the queued event was dropped with the queue
}

BOOST_AUTO_TEST_CASE(a_failed_callback_is_counted) {
  TestMonitor m("failing");
  m.failOnKind = MFX_EV_FINISHED;
  const mfx_monitor table = m.table();
  MonitorAdapter adapter(table, "org.test");
  MonitorQueue queue(adapter, small(10));
  queue.start();
  queue.push(event(MFX_EV_STARTED, 1));
  queue.push(event(MFX_EV_FINISHED, 1));
  queue.push(event(MFX_EV_STARTED, 2));
  BOOST_REQUIRE(m.waitFor(3));
  queue.stop(1s);
  BOOST_TEST(queue.stats().delivered == 3u);
  BOOST_TEST(queue.stats().failed == 1u);
}

BOOST_AUTO_TEST_CASE(release_flushes_and_frees_once) {
  TestMonitor m("released");
  const mfx_monitor table = m.table();
  MonitorAdapter adapter(table, "org.test");
  adapter.flush();
  adapter.release();
  adapter.release();
  adapter.flush();
  BOOST_TEST(m.flushes == 1);
  BOOST_TEST(m.frees == 1);
  BOOST_TEST(adapter.id() == "released");
  BOOST_TEST(adapter.pluginId() == "org.test");
}

BOOST_AUTO_TEST_SUITE_END()
