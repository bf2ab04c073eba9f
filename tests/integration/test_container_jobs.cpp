// Container jobs end to end through the real binary: both plugins listed;
// a run template with --executor podman or docker runs MultiFlexi's probe
// in a container under `multiflexi up` — output, exit code, container id,
// the result file written inside collected as an artifact — an application
// without an image is refused at template creation unless the template
// names one; and no container is left behind.
#define BOOST_TEST_MODULE container_jobs
#include <boost/test/unit_test.hpp>

#include "ChildProcess.h"
#include "CliStore.h"
#include "ContainerEngines.h"
#include "Fixtures.h"
#include "TempDir.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <iostream>
#include <thread>

#include <signal.h>

using MultiFlexi::Testing::ChildProcess;
using MultiFlexi::Testing::ContainerEngine;
using MultiFlexi::Testing::kTestImage;
using MultiFlexi::Testing::ProcessResult;
using Json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kProbe =
    MultiFlexi::Testing::appsDir() + "/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json";

/// The engine and the -D settings that point the plugin at it.
struct Engine {
  ContainerEngine* engine = nullptr;
  std::vector<std::string> defines;
  std::string error;
};

Engine engineFor(const std::string& executor) {
  Engine e;
  const std::string prefix = "plugins.org.multiflexi." + executor + ".";
  if (executor == "podman") {
    auto* podman = MultiFlexi::Testing::sharedPodman(e.error);
    e.engine = podman;
    if (podman)
      e.defines = {"-D", prefix + "containers_conf=" + podman->containersConf(), "-D",
                   prefix + "storage_conf=" + podman->storageConf()};
  } else {
    auto* docker = MultiFlexi::Testing::sharedDocker(e.error);
    e.engine = docker;
    if (docker) e.defines = {"-D", prefix + "host=" + docker->socketHost()};
  }
  e.defines.insert(e.defines.end(), {"-D", prefix + "pull=never", "-D", prefix + "network=none"});
  return e;
}

template <class Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds limit) {
  for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;) {
    if (predicate()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

struct Cli : MultiFlexi::Testing::CliStore {
  int64_t importApp(const std::string& name, const std::optional<std::string>& image) const {
    Json manifest = Json::parse(std::ifstream(kProbe));
    manifest["name"] = name;
    manifest["uuid"] = name == "probe-in-container" ? "6f0f0a1e-43a6-4c55-9a7e-6b1f3c2d0001"
                                                    : "6f0f0a1e-43a6-4c55-9a7e-6b1f3c2d0002";
    manifest["executable"] = "/bin/sh";
    manifest["cmdparams"] = "-c 'echo probe $MULTIFLEXI_JOB_ID; env | grep ^MULTIFLEXI_ > $RESULT_FILE; "
                            "exit {FORCE_EXITCODE}'";
    if (image) manifest["ociimage"] = *image;
    else manifest.erase("ociimage");
    const std::string file = data.file(name + ".json");
    std::ofstream(file) << manifest.dump();
    return json({"application:import-json", "--file", file})[0]["id"].get<int64_t>();
  }
};

/// Skips a case outside CI when its engine cannot start, saying why.
struct EngineReady {
  std::string executor;
  boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
    const Engine e = engineFor(executor);
    if (e.engine || MultiFlexi::Testing::inCi()) return true;
    std::cerr << "\n*** SKIPPED: " << executor << " end to end needs the engine: " << e.error << " ***\n";
    boost::test_tools::assertion_result result(false);
    result.message() << executor << " engine unavailable: " << e.error;
    return result;
  }
};

void runsInAContainerUnderUp(const std::string& executor) {
  const Engine engine = engineFor(executor);
  BOOST_REQUIRE_MESSAGE(engine.engine != nullptr, "no " << executor << " engine: " << engine.error);
  Cli cli;
  const int64_t inContainer = cli.importApp("probe-in-container", kTestImage);
  const int64_t plain = cli.importApp("probe-without-image", std::nullopt);
  cli.json({"company:create", "--name", "Demo", "--slug", "demo"});
  const int64_t t1 = cli.json({"run-template:create", "--name", "boxed", "--app_id", std::to_string(inContainer),
                               "--company", "demo", "--executor", executor, "--config", "FORCE_EXITCODE=7"})["id"];

  // An application without an image is refused, with the executor's reason ...
  const ProcessResult refused = cli.cli({"run-template:create", "--name", "refused", "--app_id", std::to_string(plain),
                                         "--company", "demo", "--executor", executor});
  BOOST_TEST(refused.exitCode != 0);
  BOOST_TEST(refused.err.find("cannot run application 'probe-without-image'") != std::string::npos, refused.err);
  BOOST_TEST(refused.err.find("ociimage") != std::string::npos, refused.err);
  // ... unless the template names one.
  const int64_t t2 = cli.json({"run-template:create", "--name", "override", "--app_id", std::to_string(plain),
                               "--company", "demo", "--executor", executor, "--ociimage", kTestImage,
                               "--config", "FORCE_EXITCODE=0"})["id"];

  std::vector<std::string> upArgs{"up"};
  upArgs.insert(upArgs.end(), engine.defines.begin(), engine.defines.end());
  ChildProcess up(MFX_BINARY, cli.withData(upArgs), cli.env);
  BOOST_REQUIRE(up.waitForOutput("multiflexi up:", 20s));

  const auto runOnce = [&](int64_t templateId) {
    const int64_t id = cli.json({"run-template:schedule", "--id", std::to_string(templateId)})["job_id"];
    Json job;
    BOOST_REQUIRE(eventually([&] {
      job = cli.json({"job:get", "--id", std::to_string(id)});
      return job["status"] == "success" || job["status"] == "failed";
    }, 120s));
    return job;
  };
  const Json boxed = runOnce(t1);
  BOOST_TEST(boxed["status"] == "failed");
  BOOST_TEST(boxed["exitcode"] == 7);
  BOOST_TEST(boxed["executor"] == executor);
  BOOST_TEST(boxed["output"][0]["text"] == "probe " + std::to_string(boxed["id"].get<int64_t>()) + "\n");
  BOOST_TEST(boxed["pid"].is_null());
  BOOST_TEST(boxed["external_ref"].get<std::string>().size() == 64u);
  // The result file written inside the container is the job's artifact.
  const Json artifacts = cli.json({"artifact:list", "--job_id", std::to_string(boxed["id"].get<int64_t>())});
  BOOST_REQUIRE_EQUAL(artifacts.size(), 1u);
  const Json report = cli.json({"artifact:get", "--id", std::to_string(artifacts[0]["id"].get<int64_t>())});
  BOOST_TEST(report["content"].get<std::string>().find("MULTIFLEXI_EXECUTOR=" + std::string(executor)) !=
             std::string::npos);

  const Json overridden = runOnce(t2);
  BOOST_TEST(overridden["status"] == "success");
  BOOST_TEST(overridden["exitcode"] == 0);

  up.signal(SIGTERM);
  BOOST_TEST(up.wait().exitCode == 0);
  BOOST_TEST(engine.engine->jobContainers().empty());
}

}  // namespace

BOOST_AUTO_TEST_CASE(both_container_plugins_are_listed) {
  Cli cli;
  const Json list = cli.json({"plugin:list"});
  std::set<std::string> executors;
  for (const auto& plugin : list["plugins"])
    for (const auto& component : plugin["components"])
      if (component["kind"] == "executor" && plugin["status"] == "loaded") executors.insert(component["id"]);
  BOOST_TEST(executors.count("podman") == 1u);
  BOOST_TEST(executors.count("docker") == 1u);
}

BOOST_AUTO_TEST_CASE(podman_template_runs_under_up, *boost::unit_test::precondition(EngineReady{"podman"})) {
  runsInAContainerUnderUp("podman");
}

BOOST_AUTO_TEST_CASE(docker_template_runs_under_up, *boost::unit_test::precondition(EngineReady{"docker"})) {
  runsInAContainerUnderUp("docker");
}
