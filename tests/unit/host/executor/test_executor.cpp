// The executor service with the real native plugin and real processes:
// the environment precedence table, isolation from the daemon's own
// environment, exit codes and signals, launch failures, the output cap,
// parallelism and overlap, draining on stop, losing a lease.
#define BOOST_TEST_MODULE executor
#include "ExecutorFixture.h"

#include "executor/LeftoverReaper.h"
#include "executor/SecretMasker.h"
#include "store/ArtifactRepository.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <signal.h>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;
using namespace std::chrono_literals;

namespace {

std::map<std::string, std::string> parseEnv(const std::string& text) {
  std::map<std::string, std::string> env;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return env;
}

EnvField field(const std::string& key, const std::string& defvalJson, const std::string& type = "string") {
  EnvField f;
  f.key = key;
  f.type = type;
  f.defvalJson = defvalJson;
  return f;
}

bool alive(int64_t pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0; }

/// Waits until `predicate` holds, at most 10 s.
template <class Predicate>
bool eventually(Predicate predicate) {
  for (int i = 0; i < 500; ++i) {
    if (predicate()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(executor, ExecutorFixture)

BOOST_AUTO_TEST_CASE(the_environment_follows_multiflexis_precedence_and_nothing_of_the_daemon) {
  ::setenv("MFX_DAEMON_CANARY", "host-process", 1);  // in our own environment too
  Application app = appRunning("env-dump", "/usr/bin/env");
  app.environment = {field("A", "\"app\""),         field("B", "\"app\""),  field("C", "\"app\""),
                     field("D", "\"app\""),         field("E", "\"{A}-{B}\""), field("DEBUG", "true", "bool"),
                     field("PW", "\"pw-value-1234\"", "password"), field("MULTIFLEXI_JOB_ID", "\"app\"")};
  RunTemplate t = templateOf(seedApp(*db, app), companyId, 'n');
  t.config = {{"B", "template"}, {"C", "template"}, {"D", "template"}};
  const int64_t tid = seedTemplate(*db, t);
  Company c = *CompanyRepository(*db).findById(companyId);
  c.environment = {{"C", "company"}, {"D", "company"}, {"MULTIFLEXI_COMPANY_NAME", "company tries"}};
  CompanyRepository(*db).update(c);
  const int64_t id = schedule(tid, {{"D", "override"}});
  runDue();

  const Job done = job(id);
  BOOST_TEST(jobStateName(done.state) == "success");
  const auto env = parseEnv(output(id));
  BOOST_TEST(env.at("A") == "app");
  BOOST_TEST(env.at("B") == "template");
  BOOST_TEST(env.at("C") == "company");
  BOOST_TEST(env.at("D") == "override");
  BOOST_TEST(env.at("E") == "app-template");  // {VAR} macros
  BOOST_TEST(env.at("DEBUG") == "1");
  BOOST_TEST(env.at("MULTIFLEXI_JOB_ID") == std::to_string(id));
  BOOST_TEST(env.at("MULTIFLEXI_COMPANY_NAME") == "Company acme");
  BOOST_TEST(env.at("MULTIFLEXI_COMPANY_CODE") == "acme");
  BOOST_TEST(env.at("MULTIFLEXI_RUNTEMPLATE_ID") == std::to_string(tid));
  BOOST_TEST(env.at("MULTIFLEXI_APPLICATION_NAME") == "env-dump");
  BOOST_TEST(env.at("MULTIFLEXI_EXECUTOR") == "native");
  BOOST_TEST(env.at("MULTIFLEXI_VERSION") == "9.9.9-test");
  BOOST_TEST(env.at("MULTIFLEXI_TMP") == (std::filesystem::absolute(dir.file("jobs")) / std::to_string(id)).string());
  BOOST_TEST(env.at("PATH") == "/usr/bin:/bin");  // from the allow-list
  BOOST_TEST(env.count("DB_PASSWORD") == 0u);      // the daemon's own settings never
  BOOST_TEST(env.count("MFX_DAEMON_CANARY") == 0u);
  // The stored snapshot masks the secret; the command line is stored.
  BOOST_TEST(done.envJson->find("pw-value-1234") == std::string::npos);
  BOOST_TEST(done.envJson->find("\"PW\"") != std::string::npos);
  BOOST_TEST(*done.command == "/usr/bin/env");
  BOOST_TEST(*done.pid > 0);
  BOOST_TEST(*done.beginAt <= *done.endAt);
  BOOST_TEST(!std::filesystem::exists(dir.file("jobs") + "/" + std::to_string(id)));  // its directory is gone
}

BOOST_AUTO_TEST_CASE(values_in_cmdparams_are_data_never_shell_syntax) {
  // Regression: values were pasted into the line with only spaces escaped and
  // the shell decision taken afterwards, so a value ran as a command.
  const std::string pwned = dir.file("pwned");
  const std::string evil = "x;touch " + pwned + ";echo";
  Application app = appRunning("printer", "/usr/bin/printf", "'%s|' {CONF} {COMPANY_V} {ADHOC} {PASSWORD}");
  app.environment = {field("CONF", "\"\""), field("PASSWORD", "\"\"", "password")};
  RunTemplate t = templateOf(seedApp(*db, app), companyId, 'n', "argv");
  t.config = {{"CONF", evil}, {"PASSWORD", "Pa$$w0rd"}};
  Company c = *CompanyRepository(*db).findById(companyId);
  c.environment = {{"COMPANY_V", "$(touch " + pwned + ")"}};
  CompanyRepository(*db).update(c);
  const int64_t plain = schedule(seedTemplate(*db, t), {{"ADHOC", "`touch " + pwned + "`"}});
  // A line with shell syntax of its own: values reach sh as quoted variables.
  Application piped = appRunning("piped", "/usr/bin/printf", "'%s|' {CONF} {PASSWORD} | cat");
  piped.environment = app.environment;
  RunTemplate pt = templateOf(seedApp(*db, piped), companyId, 'n', "shell");
  pt.config = t.config;
  const int64_t shell = schedule(seedTemplate(*db, pt));
  // A script of its own for sh -c: values reach it as quoted variables too.
  Application scripted = appRunning("scripted", "/bin/sh", "-c 'printf \"%s|\" {CONF} {PASSWORD}'");
  scripted.environment = app.environment;
  RunTemplate st = templateOf(seedApp(*db, scripted), companyId, 'n', "script");
  st.config = t.config;
  const int64_t script = schedule(seedTemplate(*db, st));
  runDue();
  BOOST_TEST(!std::filesystem::exists(pwned));
  BOOST_TEST(jobStateName(job(plain).state) == "success");
  BOOST_TEST(jobStateName(job(shell).state) == "success");
  const std::string kMask = SecretMasker::kMask;
  // The password arrives intact, and is masked in the stored output and command.
  BOOST_TEST(output(plain) == evil + "|$(touch " + pwned + ")|`touch " + pwned + "`|" + kMask + "|");
  BOOST_TEST(output(shell) == evil + "|" + kMask + "|");
  BOOST_TEST(output(script) == evil + "|" + kMask + "|");
  BOOST_TEST(job(plain).command->find("Pa$$w0rd") == std::string::npos);
  BOOST_TEST(*job(shell).command == "/usr/bin/printf '%s|' \"${CONF}\" \"${PASSWORD}\" | cat");
}

BOOST_AUTO_TEST_CASE(a_loader_variable_stored_before_the_rule_fails_the_launch) {
  // Defence in depth: names are refused where they enter, but a store written
  // before the rule (or a credential field) may still hold one.
  Application app = appRunning("preloaded", "/usr/bin/env");
  app.environment = {field("LD_PRELOAD", "\"/tmp/evil.so\"")};
  const int64_t refused = schedule(seedTemplate(*db, templateOf(seedApp(*db, app), companyId, 'n', "refused")));
  ExecutorSettings allowing = settings();
  allowing.launch.envNames = EnvNamePolicy({"LD_PRELOAD"});
  runDue();
  BOOST_TEST(job(refused).outcome.value_or("") == "launch_failed");
  BOOST_TEST(job(refused).message.value_or("").find("environment variable 'LD_PRELOAD'") != std::string::npos,
             job(refused).message.value_or(""));
  BOOST_TEST(!job(refused).pid);
  // An administrator who allows it by name gets it.
  Application allowed = appRunning("preload-allowed", "/usr/bin/printenv", "LD_PRELOAD");
  allowed.environment = {field("LD_PRELOAD", "\"\"")};
  const int64_t ok = schedule(seedTemplate(*db, templateOf(seedApp(*db, allowed), companyId, 'n', "allowed")));
  runDue(allowing);
  BOOST_TEST(jobStateName(job(ok).state) == "success");
}

BOOST_AUTO_TEST_CASE(cmdparams_values_are_words_and_shell_lines_go_through_sh) {
  Application app = appRunning("printer", "/usr/bin/printf", "'%s|' {WORDS} {MULTIFLEXI_JOB_ID}");
  app.environment = {field("WORDS", "\"two words\"")};
  const int64_t plain = schedule(seedTemplate(*db, templateOf(seedApp(*db, app), companyId, 'n', "plain")));
  const int64_t shell = schedule(templateRunning("/bin/sh", "-c 'echo $((40 + 2)) > /dev/stderr'"));
  runDue();
  BOOST_TEST(output(plain) == "two words|" + std::to_string(plain) + "|");
  BOOST_TEST(output(shell, 2) == "42\n");
}

BOOST_AUTO_TEST_CASE(exit_codes_signals_and_counters_are_recorded) {
  const int64_t t3 = templateRunning("/bin/sh", "-c 'exit 3'");
  const int64_t failed = schedule(t3);
  const int64_t killed = schedule(templateRunning("/bin/sh", "-c 'kill -TERM $$'"));
  const int64_t ok = schedule(templateRunning("/bin/true"));
  runDue();
  BOOST_TEST(jobStateName(job(failed).state) == "failed");
  BOOST_TEST(*job(failed).exitCode == 3);
  BOOST_TEST(*job(killed).outcome == "signaled");
  BOOST_TEST(*job(killed).termSignal == SIGTERM);
  BOOST_TEST(jobStateName(job(ok).state) == "success");
  BOOST_TEST(RunTemplateRepository(*db).findById(t3)->failureCount == 1);
}

BOOST_AUTO_TEST_CASE(a_job_over_the_timeout_is_stopped_and_recorded_as_timed_out) {
  ExecutorSettings s = settings();
  s.launch.timeout = std::chrono::milliseconds(300);
  const int64_t id = schedule(templateRunning("/bin/sleep", "10"));
  runDue(s);
  BOOST_TEST(jobStateName(job(id).state) == "failed");
  BOOST_TEST(*job(id).outcome == "timed_out");
  BOOST_TEST(*job(id).endAt - *job(id).beginAt < 5000);
}

BOOST_AUTO_TEST_CASE(a_job_that_cannot_start_fails_with_the_reason) {
  const int64_t missing = schedule(templateRunning("/nonexistent/program"));
  const int64_t quote = schedule(templateRunning("/bin/echo", "'unterminated"));
  RunTemplate t = templateOf(seedApp(*db, appRunning("podman-app", "/bin/true")), companyId, 'n', "on podman");
  t.executor = "podman";
  const int64_t unknown = schedule(seedTemplate(*db, t));
  runDue();
  for (int64_t id : {missing, quote, unknown}) {
    BOOST_TEST(jobStateName(job(id).state) == "failed");
    BOOST_TEST(*job(id).outcome == "launch_failed");
  }
  BOOST_TEST(job(missing).message->find("/nonexistent/program") != std::string::npos);
  BOOST_TEST(job(quote).message->find("quote") != std::string::npos);
  BOOST_TEST(job(unknown).message->find("podman") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(output_over_the_cap_keeps_head_and_tail_around_a_visible_marker) {
  ExecutorSettings s = settings();
  s.outputLimit = 1000;
  const int64_t id = schedule(templateRunning("/bin/sh", "-c 'head -c 5000 /dev/zero | tr \"\\\\0\" x'"));
  runDue(s);
  const std::string out = output(id);
  const auto marker = out.find("\n[multiflexi: 4000 bytes of output left out here");
  BOOST_REQUIRE(marker != std::string::npos);
  BOOST_TEST(out.substr(0, marker) == std::string(500, 'x'));
  const auto tail = out.find("]\n", marker);
  BOOST_REQUIRE(tail != std::string::npos);
  BOOST_TEST(out.substr(tail + 2) == std::string(500, 'x'));
  BOOST_TEST(job(id).message->find("4000 bytes of output over the limit were not stored") != std::string::npos);
  BOOST_TEST(jobStateName(job(id).state) == "success");
}

BOOST_AUTO_TEST_CASE(the_tail_keeps_the_last_error_lines_with_secrets_masked) {
  ExecutorSettings s = settings();
  s.outputLimit = 2000;
  Application app = appRunning(
      "noisy", "/bin/sh",
      "-c 'echo first line; head -c 20000 /dev/zero | tr \"\\\\0\" y; echo; printf \"error: login with %s\" \"$PW\" >&2; "
      "printf \" refused\\n\" >&2; echo last line'");
  app.environment = {field("PW", "\"pw-value-1234\"", "password")};
  const int64_t id = schedule(seedTemplate(*db, templateOf(seedApp(*db, app), companyId, 'n', "noisy")));
  runDue(s);
  const std::string out = output(id);
  BOOST_TEST(out.rfind("first line\n", 0) == 0);  // the head
  BOOST_TEST(out.find("bytes of output left out here") != std::string::npos);
  BOOST_TEST(out.size() >= 11u);
  BOOST_TEST(out.substr(out.size() - 11) == "\nlast line\n");  // the tail
  BOOST_TEST(output(id, 2) == "error: login with " + std::string(SecretMasker::kMask) + " refused\n");
  for (const auto& c : jobs.output(id)) BOOST_TEST(c.bytes.find("pw-value") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(max_parallel_bounds_the_jobs_running_at_once) {
  ExecutorSettings s = settings();
  s.maxParallel = 2;
  std::vector<int64_t> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(schedule(templateRunning("/bin/sleep", "0.3")));
  runDue(s);
  std::vector<std::pair<Instant, int>> edges;
  for (int64_t id : ids) {
    BOOST_TEST(jobStateName(job(id).state) == "success");
    edges.emplace_back(*job(id).beginAt, +1);
    edges.emplace_back(*job(id).endAt, -1);
  }
  std::sort(edges.begin(), edges.end());  // an end sorts before a begin at the same instant
  int running = 0, most = 0;
  for (const auto& [at, delta] : edges) most = std::max(most, running += delta);
  BOOST_TEST(most == 2);
}

BOOST_AUTO_TEST_CASE(places_freed_by_ending_jobs_are_claimed_in_the_same_pass) {
  ExecutorSettings s = settings();
  s.maxParallel = 1;
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(schedule(templateRunning("/bin/true")));
  runDue(s);  // returns only when nothing is due: every job ran
  for (int64_t id : ids) BOOST_TEST(jobStateName(job(id).state) == "success");
}

BOOST_AUTO_TEST_CASE(a_templates_jobs_do_not_overlap_unless_it_allows) {
  const int64_t serial = templateRunning("/bin/sleep", "0.2");
  const int64_t overlapping = templateRunning("/bin/sleep", "0.2", true);
  const std::vector<int64_t> a = {schedule(serial), schedule(serial), schedule(serial)};
  const std::vector<int64_t> b = {schedule(overlapping), schedule(overlapping)};
  runDue();
  for (std::size_t i = 1; i < a.size(); ++i) BOOST_TEST(*job(a[i]).beginAt >= *job(a[i - 1]).endAt);
  BOOST_TEST(*job(b[1]).beginAt < *job(b[0]).endAt);
}

BOOST_AUTO_TEST_CASE(stop_lets_jobs_finish_within_the_grace_then_cancels_the_rest) {
  ExecutorSettings s = settings();
  s.shutdownGrace = 1500ms;
  s.cancelGrace = 500ms;
  const int64_t quick = schedule(templateRunning("/bin/sleep", "0.5"));
  const int64_t slow = schedule(templateRunning("/bin/sleep", "60"));
  ExecutorService executor(*db, plugins, s);
  std::thread loop([&] { executor.run(false); });
  BOOST_REQUIRE(eventually([&] { return job(slow).pid.has_value() && job(quick).pid.has_value(); }));
  const int64_t slowPid = *job(slow).pid;
  executor.stop();
  loop.join();
  BOOST_TEST(jobStateName(job(quick).state) == "success");
  BOOST_TEST(jobStateName(job(slow).state) == "cancelled");
  BOOST_TEST(*job(slow).outcome == "cancelled");
  BOOST_TEST(jobs.list(JobFilter{.state = JobState::Running, .runtemplateId = std::nullopt, .companyId = std::nullopt, .companyIds = std::nullopt, .scheduledFrom = std::nullopt, .scheduledUntil = std::nullopt, .order = std::nullopt, .limit = 10, .offset = 0}).empty());
  BOOST_TEST(!alive(slowPid));
}

BOOST_AUTO_TEST_CASE(a_job_declared_lost_elsewhere_is_stopped_here_and_stays_lost) {
  ExecutorSettings s = settings();
  s.lease = 600ms;
  const int64_t id = schedule(templateRunning("/bin/sleep", "60"));
  ExecutorService executor(*db, plugins, s);
  std::thread loop([&] { executor.run(false); });
  BOOST_REQUIRE(eventually([&] { return job(id).pid.has_value(); }));
  const int64_t pid = *job(id).pid;
  // Another executor finds the lease expired (as if this one had hung).
  inTransaction(*db, [&](Poco::Data::Session& session) {
    Sql::execute(session, "UPDATE job SET lease_until = 1 WHERE id = ?", {Sql::value(id)});
    BOOST_TEST(jobs.expireLeases(session, nowMs()).size() == 1u);
  });
  BOOST_TEST(eventually([&] { return !alive(pid); }));  // this executor stopped it
  executor.stop();
  loop.join();
  BOOST_TEST(jobStateName(job(id).state) == "lost");
  BOOST_TEST(RunTemplateRepository(*db).findById(*job(id).runtemplateId)->failureCount == 1);
}

BOOST_AUTO_TEST_CASE(leftovers_of_a_lost_job_on_this_host_are_killed_with_their_group) {
  ExecutorSettings s = settings();
  const int64_t id = schedule(templateRunning("/bin/sh", "-c 'sleep 60 & sleep 60'"));
  auto executor = std::make_unique<ExecutorService>(*db, plugins, s);
  std::thread loop([&] { executor->run(false); });
  BOOST_REQUIRE(eventually([&] { return job(id).pid.has_value(); }));
  const LostJob lost{id, job(id).pid, executor->owner()};
  BOOST_TEST(reapLeftovers(lost, "").find("was still running and was killed") != std::string::npos);
  BOOST_TEST(eventually([&] { return !alive(*lost.pid); }));
  BOOST_TEST(reapLeftovers(LostJob{id, lost.pid, "elsewhere:1:ab"}, "").find("ran on host elsewhere") != std::string::npos);
  executor->stop();
  loop.join();
  BOOST_TEST(reapLeftovers(lost, "").find("no longer running") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_working_directory_of_a_job_lost_on_this_host_is_removed) {
  // An executor on this host died while its job ran: the job holds a lease
  // that expired and left its working directory behind.
  const int64_t id = schedule(templateRunning("/bin/true"));
  const std::string crashed = leaseOwnerHost(newLeaseOwner()) + ":1:dead";
  const Instant at = nowMs();
  inTransaction(*db, [&](Poco::Data::Session& session) {
    BOOST_TEST(jobs.claimDue(session, crashed, at, at + 1, 1).size() == 1u);
  });
  const std::filesystem::path left = std::filesystem::path(dir.file("jobs")) / std::to_string(id);
  std::filesystem::create_directories(left / "sub");
  std::ofstream(left / "sub" / "result.json") << "{}";
  std::this_thread::sleep_for(10ms);
  runDue();  // the next executor start
  BOOST_TEST(jobStateName(job(id).state) == "lost");
  BOOST_TEST(job(id).message->find("its working directory was removed") != std::string::npos);
  BOOST_TEST(!std::filesystem::exists(left));
  // Another host's directory is not this executor's to remove.
  std::filesystem::create_directories(left);
  BOOST_TEST(reapLeftovers(LostJob{id, std::nullopt, "elsewhere:1:ab"}, dir.file("jobs")).find("directory") ==
             std::string::npos);
  BOOST_TEST(std::filesystem::exists(left));
}

BOOST_AUTO_TEST_SUITE_END()
