// The scheduler on a real store, its clock moved by the test: DST in both
// directions, misfire policies after downtime, time zone precedence, delay,
// two schedulers on one database, templates that must not run.
#define BOOST_TEST_MODULE scheduler
#include <boost/test/unit_test.hpp>

#include "Seed.h"
#include "TempDir.h"
#include "scheduler/Scheduler.h"
#include "store/JobRepository.h"
#include "store/RunTemplateRepository.h"
#include "store/Sql.h"

#include <set>
#include <thread>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {

Instant at(const std::string& text) {
  std::optional<int> offset;
  auto t = parseDateTime(text, offset);
  BOOST_REQUIRE(t.has_value());
  return instantOf(*t, offset.value_or(0));
}

constexpr Instant kMinute = 60'000;

struct SchedulerFixture {
  TempDir dir;
  std::unique_ptr<Database> db = Database::openSqlite(dir.file("scheduler.db"));
  int64_t companyId = seedCompany(*db, "acme");
  int64_t appId = seedApp(*db, appRunning("importer", "/bin/true"));

  int64_t add(RunTemplate t) { return seedTemplate(*db, t); }
  /// The slots of `templateId`'s jobs, oldest first, as UTC text.
  std::vector<std::string> slots(int64_t templateId) {
    std::vector<std::string> out;
    for (const Job& j : JobRepository(*db).list(JobFilter{.state = std::nullopt, .runtemplateId = templateId, .companyId = std::nullopt, .companyIds = std::nullopt, .scheduledFrom = std::nullopt, .scheduledUntil = std::nullopt, .order = std::nullopt, .limit = 10'000, .offset = 0}))
      out.insert(out.begin(), formatInstant(*j.slot));
    return out;
  }
  int64_t missedSlots(int64_t templateId) {
    Poco::Data::Session s = db->session();
    return Sql::scalar(s, "SELECT missed_slots FROM runtemplate WHERE id = ?", {Sql::value(templateId)});
  }
  /// Ticks from `from` to `to` every `step`.
  void run(Scheduler& s, Instant from, Instant to, Instant step) {
    for (Instant now = from; now <= to; now += step) s.tick(now);
  }
};

Scheduler schedulerIn(Database& db, const std::string& zone = "UTC", std::size_t maxCatchUp = 100) {
  SchedulerSettings settings;
  settings.defaultZone = zone;
  settings.maxCatchUp = maxCatchUp;
  return Scheduler(db, settings);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(scheduler, SchedulerFixture)

BOOST_AUTO_TEST_CASE(daily_at_0230_prague_runs_once_a_day_across_spring_forward) {
  RunTemplate t = templateOf(appId, companyId, 'c');
  t.cron = "30 2 * * *";
  t.timeZone = "Europe/Prague";
  const int64_t id = add(t);
  Scheduler s = schedulerIn(*db);
  run(s, at("2026-03-27T00:00:00Z"), at("2026-03-31T00:00:00Z"), 10 * kMinute);
  // 29 March: 02:30 does not exist (02:00 CET -> 03:00 CEST): once, at 03:00 CEST.
  BOOST_TEST((slots(id) == std::vector<std::string>{"2026-03-27T01:30:00.000Z", "2026-03-28T01:30:00.000Z",
                                                    "2026-03-29T01:00:00.000Z", "2026-03-30T00:30:00.000Z"}));
}

BOOST_AUTO_TEST_CASE(daily_at_0230_prague_runs_once_a_day_across_fall_back) {
  RunTemplate t = templateOf(appId, companyId, 'c');
  t.cron = "30 2 * * *";
  t.timeZone = "Europe/Prague";
  const int64_t id = add(t);
  Scheduler s = schedulerIn(*db);
  run(s, at("2026-10-24T00:00:00Z"), at("2026-10-27T00:00:00Z"), 10 * kMinute);
  // 25 October: 02:30 happens twice (CEST, then CET): once, at the first.
  BOOST_TEST((slots(id) == std::vector<std::string>{"2026-10-24T00:30:00.000Z", "2026-10-25T00:30:00.000Z",
                                                    "2026-10-26T01:30:00.000Z"}));
}

BOOST_AUTO_TEST_CASE(after_downtime_each_misfire_policy_does_what_it_says) {
  std::map<MisfirePolicy, int64_t> ids;
  for (MisfirePolicy p : {MisfirePolicy::Latest, MisfirePolicy::Skip, MisfirePolicy::All}) {
    RunTemplate t = templateOf(appId, companyId, 'h', misfireName(p));
    t.misfire = p;
    ids[p] = add(t);
  }
  Scheduler s = schedulerIn(*db);
  s.tick(at("2026-11-23T10:00:00.200Z"));                   // on time: every policy runs 10:00
  const TickReport late = s.tick(at("2026-11-23T15:30:00Z"));  // down from 10:00 to 15:30
  BOOST_TEST((slots(ids[MisfirePolicy::Latest]) ==
              std::vector<std::string>{"2026-11-23T10:00:00.000Z", "2026-11-23T15:00:00.000Z"}));
  BOOST_TEST((slots(ids[MisfirePolicy::Skip]) == std::vector<std::string>{"2026-11-23T10:00:00.000Z"}));
  BOOST_TEST(slots(ids[MisfirePolicy::All]).size() == 6u);  // 10:00 and 11:00 ... 15:00
  BOOST_TEST(formatInstant(*late.nextSlot) == "2026-11-23T16:00:00.000Z");
  for (const auto& [policy, id] : ids)
    BOOST_TEST(formatInstant(*RunTemplateRepository(*db).findById(id)->nextSchedule) == "2026-11-23T16:00:00.000Z");
  // The slots each policy skipped are counted on the template (11:00 ... 15:00 were missed).
  BOOST_TEST(missedSlots(ids[MisfirePolicy::Latest]) == 4);
  BOOST_TEST(missedSlots(ids[MisfirePolicy::Skip]) == 5);
  BOOST_TEST(missedSlots(ids[MisfirePolicy::All]) == 0);
  // and on schedule again afterwards
  s.tick(at("2026-11-23T16:00:00Z"));
  BOOST_TEST(slots(ids[MisfirePolicy::Skip]).back() == "2026-11-23T16:00:00.000Z");
  BOOST_TEST(missedSlots(ids[MisfirePolicy::Skip]) == 5);
}

BOOST_AUTO_TEST_CASE(missed_slots_are_counted_once_and_all_of_them_past_the_catch_up_bound) {
  RunTemplate t = templateOf(appId, companyId, 'i');
  t.misfire = MisfirePolicy::All;
  const int64_t all = add(t);
  t.misfire = MisfirePolicy::Skip;
  t.name = "skipper";
  const int64_t skip = add(t);
  Scheduler s = schedulerIn(*db, "UTC", 3);
  s.tick(at("2026-11-23T10:00:00Z"));
  BOOST_TEST(missedSlots(all) == 0);  // a new template missed nothing
  s.tick(at("2026-11-23T12:00:30Z"));  // 10:01 ... 12:00 due: 120 slots
  BOOST_TEST(missedSlots(all) == 117);  // 3 caught up
  BOOST_TEST(missedSlots(skip) == 119);  // 12:00 is within the grace: on time
  s.tick(at("2026-11-23T12:00:40Z"));  // nothing new is due: nothing more counted
  BOOST_TEST(missedSlots(all) == 117);

  // A second scheduler that planned from the same slot counts nothing: the
  // count is added only while next_schedule is still where it planned from.
  Poco::Data::Session session = db->session();
  const Instant stale = at("2026-11-23T12:00:00Z");
  RunTemplateRepository(*db).addMissedSlots(session, all, 50, stale);
  BOOST_TEST(missedSlots(all) == 117);
  RunTemplateRepository(*db).addMissedSlots(session, all, 2, *RunTemplateRepository(*db).findById(all)->nextSchedule);
  BOOST_TEST(missedSlots(all) == 119);
}

BOOST_AUTO_TEST_CASE(catching_up_all_missed_slots_is_bounded) {
  RunTemplate t = templateOf(appId, companyId, 'i');
  t.misfire = MisfirePolicy::All;
  const int64_t id = add(t);
  Scheduler s = schedulerIn(*db, "UTC", 3);
  s.tick(at("2026-11-23T10:00:00Z"));
  s.tick(at("2026-11-23T12:00:30Z"));  // 120 minutes missed
  BOOST_TEST((slots(id) == std::vector<std::string>{"2026-11-23T10:00:00.000Z", "2026-11-23T11:58:00.000Z",
                                                    "2026-11-23T11:59:00.000Z", "2026-11-23T12:00:00.000Z"}));
}

BOOST_AUTO_TEST_CASE(the_zone_is_the_templates_else_the_companys_else_the_servers) {
  const int64_t newYork = seedCompany(*db, "ny", "America/New_York");
  const int64_t own = add(templateOf(appId, newYork, 'd', "company zone"));
  RunTemplate withZone = templateOf(appId, newYork, 'd', "template zone");
  withZone.timeZone = "Europe/Prague";
  const int64_t prague = add(withZone);
  const int64_t server = add(templateOf(appId, companyId, 'd', "server zone"));
  Scheduler s = schedulerIn(*db, "Asia/Tokyo");
  run(s, at("2026-11-22T12:00:00Z"), at("2026-11-23T12:00:00Z"), 30 * kMinute);
  BOOST_TEST((slots(own) == std::vector<std::string>{"2026-11-23T05:00:00.000Z"}));     // midnight EST
  BOOST_TEST((slots(prague) == std::vector<std::string>{"2026-11-22T23:00:00.000Z"}));  // midnight CET
  BOOST_TEST((slots(server) == std::vector<std::string>{"2026-11-22T15:00:00.000Z"}));  // midnight JST
}

BOOST_AUTO_TEST_CASE(the_delay_moves_the_due_time_not_the_slot) {
  RunTemplate t = templateOf(appId, companyId, 'h');
  t.delaySeconds = 90;
  const int64_t id = add(t);
  Scheduler s = schedulerIn(*db);
  s.tick(at("2026-11-23T10:00:00Z"));
  const auto jobs = JobRepository(*db).list(JobFilter{.state = std::nullopt, .runtemplateId = id, .companyId = std::nullopt, .companyIds = std::nullopt, .scheduledFrom = std::nullopt, .scheduledUntil = std::nullopt, .order = std::nullopt, .limit = 10, .offset = 0});
  BOOST_REQUIRE_EQUAL(jobs.size(), 1u);
  BOOST_TEST(formatInstant(*jobs[0].slot) == "2026-11-23T10:00:00.000Z");
  BOOST_TEST(formatInstant(jobs[0].scheduledFor) == "2026-11-23T10:01:30.000Z");
  BOOST_TEST(jobs[0].scheduleType == "hourly");
}

BOOST_AUTO_TEST_CASE(with_a_lead_jobs_are_booked_ahead_and_due_at_their_slot) {
  const int64_t id = add(templateOf(appId, companyId, 'h'));
  SchedulerSettings settings;
  settings.lead = std::chrono::milliseconds(1000);
  Scheduler s(*db, settings);
  s.tick(at("2026-11-23T09:00:00Z"));
  s.tick(at("2026-11-23T09:59:58.900Z"));  // 10:00 is 1.1 s away: not yet
  BOOST_TEST(slots(id).size() == 1u);
  const TickReport report = s.tick(at("2026-11-23T09:59:59.100Z"));
  BOOST_TEST(report.created.size() == 1u);
  const Job booked = *JobRepository(*db).findById(report.created.front());
  BOOST_TEST(formatInstant(booked.scheduledFor) == "2026-11-23T10:00:00.000Z");
  BOOST_TEST(formatInstant(*report.nextSlot) == "2026-11-23T11:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(inactive_and_never_templates_get_no_jobs) {
  RunTemplate inactive = templateOf(appId, companyId, 'i', "inactive");
  inactive.active = false;
  const int64_t a = add(inactive);
  const int64_t b = add(templateOf(appId, companyId, 'n', "never"));
  Scheduler s = schedulerIn(*db);
  const TickReport report = s.tick(at("2026-11-23T10:00:00Z"));
  BOOST_TEST(report.created.empty());
  BOOST_TEST(!report.nextSlot.has_value());
  BOOST_TEST(slots(a).empty());
  BOOST_TEST(slots(b).empty());
}

BOOST_AUTO_TEST_CASE(changing_the_schedule_starts_over_from_the_new_one) {
  RunTemplate t = templateOf(appId, companyId, 'h');
  t.id = add(t);
  Scheduler s = schedulerIn(*db);
  s.tick(at("2026-11-23T10:00:00Z"));
  RunTemplateRepository templates(*db);
  BOOST_TEST(templates.findById(t.id)->nextSchedule.has_value());
  t.interval = 'c';
  t.cron = "15 * * * *";
  templates.update(t);
  BOOST_TEST(!templates.findById(t.id)->nextSchedule.has_value());
  s.tick(at("2026-11-23T10:05:00Z"));
  s.tick(at("2026-11-23T10:15:00Z"));
  BOOST_TEST((slots(t.id) == std::vector<std::string>{"2026-11-23T10:00:00.000Z", "2026-11-23T10:15:00.000Z"}));
}

BOOST_AUTO_TEST_CASE(two_schedulers_on_one_database_never_duplicate_a_slot) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 20; ++i) ids.push_back(add(templateOf(appId, companyId, 'i', "t" + std::to_string(i))));
  // A second process would open the file on its own: so does this database.
  std::unique_ptr<Database> other = Database::openSqlite(dir.file("scheduler.db"));
  const Instant from = at("2026-11-23T10:00:00Z");
  std::vector<std::size_t> created(2, 0);
  auto ticker = [&](Database& database, std::size_t index) {
    Scheduler s = schedulerIn(database);
    for (Instant now = from; now <= from + 10 * kMinute; now += kMinute) created[index] += s.tick(now).created.size();
  };
  std::thread a(ticker, std::ref(*db), 0);
  std::thread b(ticker, std::ref(*other), 1);
  a.join();
  b.join();
  BOOST_TEST(created[0] + created[1] == 20u * 11u);  // every slot once, whoever made it
  for (int64_t id : ids) {
    const auto s = slots(id);
    BOOST_TEST(s.size() == 11u);
    BOOST_TEST(std::set<std::string>(s.begin(), s.end()).size() == 11u);
  }
}

BOOST_AUTO_TEST_SUITE_END()
