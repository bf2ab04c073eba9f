// The executor asks its cached can_run before it prepares a launch: a
// refused job makes no working directory and runs no credential helper, and
// the plugin is asked once per application (and template image), not per job
// (the test executor numbers its answers).
#include "ExecutorFixture.h"

#include "catalog/CredentialCatalog.h"
#include "executor/CanRunCache.h"

#include <filesystem>

using namespace MultiFlexi;
using namespace MultiFlexi::Testing;

namespace {

const std::string kRefusing = std::string(MFX_TEST_PLUGIN_DIR) + "/mfx_test_refuses_all.so";

struct RefusingFixture : ExecutorFixture {
  CredentialCatalog catalog{*db, &plugins};

  RefusingFixture() {
    BOOST_REQUIRE(plugins.loadFile(std::string(MFX_PLUGIN_DIR) + "/mfx_exec.so").loaded());
    BOOST_REQUIRE(plugins.loadFile(kRefusing).loaded());
  }

  /// A template on the refusing executor whose application needs an exec
  /// credential; its helper leaves `marker` behind when it runs.
  int64_t refusedTemplate(const std::string& marker, std::optional<std::string> image = std::nullopt) {
    static int n = 0;
    const std::string name = "refused" + std::to_string(++n);
    Application app = appRunning(name, "/bin/true");
    app.requirements = {"exec"};
    RunTemplate t = templateOf(seedApp(*db, app), companyId, 'n', name);
    t.executor = "zoo-refuses";
    t.ociimage = std::move(image);
    const int64_t tid = seedTemplate(*db, t);
    CredentialType type;
    type.companyId = companyId;
    type.name = "helper-" + name;
    type.pluginType = "exec";
    type.settings = {{"COMMAND", "touch " + marker + "; echo TOKEN=t"}};
    Credential c;
    c.companyId = companyId;
    c.typeId = catalog.createType(type);
    c.name = "cred-" + name;
    catalog.credentials().bind(tid, catalog.createCredential(c), "exec");
    return tid;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(can_run_first, RefusingFixture)

BOOST_AUTO_TEST_CASE(a_refused_job_makes_no_directory_and_runs_no_credential_helper) {
  const std::string marker = dir.file("helper-ran");
  const int64_t id = schedule(refusedTemplate(marker));
  runDue();
  const Job j = job(id);
  BOOST_TEST(jobStateName(j.state) == "failed");
  BOOST_TEST(j.outcome.value_or("") == "launch_failed");
  BOOST_TEST(j.message.value_or("").rfind("executor 'zoo-refuses' cannot run this application: the zoo runs nothing "
                                          "(answer ",
                                          0) == 0u,
             j.message.value_or(""));
  BOOST_TEST(!std::filesystem::exists(marker));
  BOOST_TEST(!std::filesystem::exists(std::filesystem::path(dir.file("jobs")) / std::to_string(id)));
}

BOOST_AUTO_TEST_CASE(the_plugin_is_asked_once_for_many_jobs_of_one_application_and_image) {
  // The plugin numbers its answers: jobs told the same number were judged by one question.
  const int64_t tid = refusedTemplate(dir.file("helper-ran"));
  const int64_t imaged = refusedTemplate(dir.file("helper-ran"), "busybox:stable");
  std::vector<int64_t> ids;
  ExecutorService executor(*db, plugins, settings());
  for (int i = 0; i < 5; ++i) ids.push_back(schedule(tid));
  executor.run(true);
  for (int i = 0; i < 5; ++i) ids.push_back(schedule(tid));  // a later run: still the cached answer
  executor.run(true);
  const int64_t other = schedule(imaged);  // another application and image: asked again
  executor.run(true);
  const std::string first = job(ids.front()).message.value_or("");
  BOOST_TEST(first.find("(answer ") != std::string::npos, first);
  for (int64_t id : ids) {
    BOOST_TEST(job(id).outcome.value_or("") == "launch_failed");
    BOOST_TEST(job(id).message.value_or("") == first);
  }
  BOOST_TEST(job(other).message.value_or("").find("(answer ") != std::string::npos);
  BOOST_TEST(job(other).message.value_or("") != first);
  BOOST_TEST(!std::filesystem::exists(dir.file("helper-ran")));
}

BOOST_AUTO_TEST_SUITE_END()

// The cache alone, on the refusing executor.
BOOST_FIXTURE_TEST_SUITE(can_run_cache, RefusingFixture)

BOOST_AUTO_TEST_CASE(an_application_updated_since_is_asked_about_again) {
  CanRunCache cache;
  const ExecutorAdapter& executor = plugins.executor("zoo-refuses");
  Application app = appRunning("cached", "/bin/true");
  app.id = 9;
  app.updatedAt = 1000;
  const std::string answer = cache.refusal(executor, app, std::nullopt).value_or("");
  BOOST_TEST(answer.rfind("the zoo runs nothing (answer ", 0) == 0u, answer);
  BOOST_TEST(cache.refusal(executor, app, std::nullopt).value_or("") == answer);
  BOOST_TEST(cache.asked() == 1u);
  cache.refusal(executor, app, std::string("alpine:3"));
  BOOST_TEST(cache.asked() == 2u);
  app.updatedAt = 2000;
  BOOST_TEST(cache.refusal(executor, app, std::nullopt).value_or("") != answer);
  BOOST_TEST(cache.asked() == 3u);
  cache.refusal(executor, app, std::nullopt);
  BOOST_TEST(cache.asked() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
