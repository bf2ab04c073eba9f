#include "ContainerEngines.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <sys/resource.h>
#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace MultiFlexi::Testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

ProcessResult mustRun(const std::string& program, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env = {}) {
  ProcessResult r = run(program, args, env);
  if (r.exitCode != 0) {
    std::string line = program;
    for (const auto& a : args) line += " " + a;
    throw std::runtime_error(line + " failed (" + std::to_string(r.exitCode) + "): " + r.err);
  }
  return r;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int freeLoopbackPort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  return socket.address().port();
}

/// The hard limit of `resource`, capped.
rlim_t hardLimit(int resource, rlim_t cap) {
  rlimit limit{};
  getrlimit(resource, &limit);
  return limit.rlim_max == RLIM_INFINITY ? cap : std::min(limit.rlim_max, cap);
}

}  // namespace

bool inCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

void writeBusyboxRootfs(const fs::path& scratch, const std::string& tarPath) {
  const fs::path root = scratch / "rootfs";
  fs::create_directories(root / "bin");
  fs::create_directories(root / "tmp");
  fs::create_directories(root / "etc");
  if (!fs::exists("/bin/busybox")) throw std::runtime_error("/bin/busybox is missing: install busybox-static");
  fs::copy_file("/bin/busybox", root / "bin/busybox", fs::copy_options::overwrite_existing);
  for (const char* applet : {"sh", "echo", "cat", "env", "sleep", "printf", "head", "yes", "kill", "true", "false",
                             "ls", "wc", "md5sum", "touch", "trap", "dd", "id", "pwd"})
    fs::create_symlink("busybox", root / "bin" / applet);
  std::ofstream(root / "etc/passwd") << "root:x:0:0:root:/root:/bin/sh\n";
  mustRun("tar", {"-C", root.string(), "-cf", tarPath, "."});
}

std::vector<std::string> ContainerEngine::jobContainers() const {
  const ProcessResult r = cli({"ps", "--all", "--filter", "label=org.multiflexi.job", "--format", "{{.Names}}"});
  if (r.exitCode != 0) throw std::runtime_error("listing containers failed: " + r.err);
  std::vector<std::string> names;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) names.push_back(line);
  return names;
}

DockerDaemon::DockerDaemon() {
  if (!fs::exists("/usr/sbin/dockerd")) throw std::runtime_error("/usr/sbin/dockerd is missing: install docker.io");
  makeCertificates();
  _tlsPort = freeLoopbackPort();
  const std::string d = _dir.path().string();
  const std::string ns = "mfx-test-" + std::to_string(::getpid());
  const std::string line =
      // An ignored SIGPIPE survives exec: should this process ignore it, dockerd
      // and every container would too (`yes | head` would never end).
      "exec env --default-signal=PIPE /usr/sbin/dockerd --data-root " + d + "/data --exec-root " + d + "/exec --pidfile " + d +
      "/docker.pid -H " + socketHost() + " -H tcp://127.0.0.1:" + std::to_string(_tlsPort) +
      " --tlsverify --tlscacert " + d + "/ca.pem --tlscert " + d + "/server-cert.pem --tlskey " + d +
      "/server-key.pem --storage-driver vfs --iptables=false --ip6tables=false --bridge=none"
      " --containerd-namespace " + ns + " --containerd-plugins-namespace " + ns + "-plugins > " + d +
      "/dockerd.log 2>&1";
  _daemon = std::make_unique<ChildProcess>("/bin/sh", std::vector<std::string>{"-c", line});
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (cli({"version"}).exitCode != 0) {
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("dockerd did not answer within 60 s; its log:\n" + slurp(_dir.file("dockerd.log")));
    std::this_thread::sleep_for(200ms);
  }
  writeBusyboxRootfs(_dir.path(), _dir.file("rootfs.tar"));
  const ProcessResult imported = cli({"import", _dir.file("rootfs.tar"), kTestImage});
  if (imported.exitCode != 0) throw std::runtime_error("docker import failed: " + imported.err);
}

DockerDaemon::~DockerDaemon() {
  if (!_daemon) return;
  _daemon->signal(SIGTERM);
  std::thread killer([this] {
    // dockerd stops its containerd and containers; give it time, then force.
    for (int i = 0; i < 300 && fs::exists(_dir.file("docker.pid")); ++i) std::this_thread::sleep_for(100ms);
    if (fs::exists(_dir.file("docker.pid"))) _daemon->signal(SIGKILL);
  });
  _daemon->wait();
  killer.join();
}

ProcessResult DockerDaemon::cli(const std::vector<std::string>& args) const {
  return run("/usr/bin/docker", args, {{"DOCKER_HOST", socketHost()}});
}

void DockerDaemon::makeCertificates() {
  const std::string d = _dir.path().string();
  const auto ssl = [](const std::vector<std::string>& args) { mustRun("openssl", args); };
  ssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=mfx-test-ca", "-keyout",
       d + "/ca-key.pem", "-out", d + "/ca.pem"});
  std::ofstream(d + "/server.ext") << "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n";
  std::ofstream(d + "/client.ext") << "extendedKeyUsage=clientAuth\n";
  fs::create_directories(d + "/client");
  for (const auto& [who, key, cert] : {std::tuple<std::string, std::string, std::string>{
                                           "server", d + "/server-key.pem", d + "/server-cert.pem"},
                                       {"client", d + "/client/key.pem", d + "/client/cert.pem"}}) {
    ssl({"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + (who == "server" ? std::string("localhost") : who),
         "-keyout", key, "-out", d + "/" + who + ".csr"});
    ssl({"x509", "-req", "-in", d + "/" + who + ".csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca-key.pem",
         "-CAcreateserial", "-days", "2", "-extfile", d + "/" + who + ".ext", "-out", cert});
  }
  fs::copy_file(d + "/ca.pem", d + "/client/ca.pem");
}

PodmanSandbox::PodmanSandbox() {
  if (!fs::exists("/usr/bin/podman")) throw std::runtime_error("/usr/bin/podman is missing: install podman");
  // podman's default ulimits (1048576) exceed the hard limits of machines
  // like this one, and crun fails on their cgroups: runc, and limits within
  // what we have — and within conmon's own nproc (podman starts it at 32768).
  const rlim_t nofile = hardLimit(RLIMIT_NOFILE, 4096), nproc = hardLimit(RLIMIT_NPROC, 4096);
  std::ofstream(containersConf()) << "[containers]\n"
                                  << "default_ulimits = [\"nofile=" << nofile << ":" << nofile << "\", \"nproc="
                                  << nproc << ":" << nproc << "\"]\n"
                                  << "[engine]\nruntime = \"runc\"\ncgroup_manager = \"cgroupfs\"\n"
                                  << "events_logger = \"file\"\ntmp_dir = \"" << _dir.file("tmp") << "\"\n";
  std::ofstream(storageConf()) << "[storage]\ndriver = \"vfs\"\nrunroot = \"" << _dir.file("run")
                               << "\"\ngraphroot = \"" << _dir.file("root") << "\"\n";
  writeBusyboxRootfs(_dir.path(), _dir.file("rootfs.tar"));
  const ProcessResult imported = cli({"import", _dir.file("rootfs.tar"), kTestImage});
  if (imported.exitCode != 0) throw std::runtime_error("podman import failed: " + imported.err);
  const ProcessResult probe = cli({"run", "--rm", "--network", "none", kTestImage, "/bin/true"});
  if (probe.exitCode != 0) throw std::runtime_error("podman cannot run a container here: " + probe.err);
}

PodmanSandbox::~PodmanSandbox() {
  // Only the sandbox's storage is touched; the temporary directory goes after.
  cli({"rm", "--all", "--force"});
  cli({"rmi", "--all", "--force"});
}

ProcessResult PodmanSandbox::cli(const std::vector<std::string>& args) const {
  return run("/usr/bin/podman", args, {{"CONTAINERS_CONF", containersConf()}, {"CONTAINERS_STORAGE_CONF", storageConf()}});
}

namespace {

/// One Engine per program, started on first use; the reason when it failed.
template <class Engine>
Engine* sharedEngine(std::string& error) {
  static std::string failure;
  static std::unique_ptr<Engine> engine = []() -> std::unique_ptr<Engine> {
    try {
      return std::make_unique<Engine>();
    } catch (const std::exception& e) {
      failure = e.what();
      return nullptr;
    }
  }();
  error = failure;
  return engine.get();
}

}  // namespace

DockerDaemon* sharedDocker(std::string& error) { return sharedEngine<DockerDaemon>(error); }
PodmanSandbox* sharedPodman(std::string& error) { return sharedEngine<PodmanSandbox>(error); }

}  // namespace MultiFlexi::Testing
