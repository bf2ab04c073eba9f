#include "PodmanEngine.h"

#include "CliProcess.h"
#include "HostConfig.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

extern char** environ;

namespace mfx::podman {

using container::ContainerExit;
using container::ContainerRequest;
using container::LaunchFailure;

namespace {

/// Variables podman itself reads: a job value for one of these must not
/// become podman's own, so it goes by --env NAME=VALUE or the env file.
bool podmanReads(const std::string& name) {
  static const char* const exact[] = {"PATH", "HOME", "TMPDIR", "USER", "LOGNAME", "SHELL", "TZ", "LANG",
                                      "REGISTRY_AUTH_FILE", "DBUS_SESSION_BUS_ADDRESS", "NOTIFY_SOCKET",
                                      "CONTAINER_HOST", "CONTAINER_CONNECTION", "CONTAINER_SSHKEY",
                                      "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"};
  for (const char* e : exact)
    if (name == e) return true;
  for (const char* prefix : {"CONTAINERS_", "XDG_", "LD_", "LC_", "PODMAN_", "BUILDAH_", "STORAGE_"})
    if (name.rfind(prefix, 0) == 0) return true;
  return false;
}

void checkName(const std::string& name) {
  if (name.empty() || name.find_first_of("=*\n") != std::string::npos || name.find('\0') != std::string::npos)
    throw LaunchFailure("environment variable '" + name + "' cannot be passed to a container: its name is not valid");
}

/// The last line of podman's stderr that says something.
std::string lastLine(const std::string& text) {
  std::istringstream lines(text);
  std::string line, last;
  while (std::getline(lines, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  return last;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  const auto nl = text.rfind('\n');
  return nl == std::string::npos ? text : text.substr(nl + 1);
}

/// The env file for variables podman itself reads: 0600, in a 0700
/// directory of its own, removed when this object goes.
class EnvFile {
 public:
  EnvFile(const std::string& tmpDir, const std::vector<std::string>& lines) {
    std::string dirTemplate = tmpDir + "/multiflexi-podman-XXXXXX";
    if (::mkdtemp(dirTemplate.data()) == nullptr)
      throw LaunchFailure("cannot create a private directory in " + tmpDir + ": " + std::strerror(errno));
    _dir = dirTemplate;
    _path = _dir + "/env";
    const int fd = ::open(_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw LaunchFailure("cannot write " + _path + ": " + std::strerror(errno));
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    if (!ok) throw LaunchFailure("cannot write " + _path + ": " + std::strerror(errno));
  }
  ~EnvFile() {
    if (!_path.empty()) ::unlink(_path.c_str());
    if (!_dir.empty()) ::rmdir(_dir.c_str());
  }
  EnvFile(const EnvFile&) = delete;
  EnvFile& operator=(const EnvFile&) = delete;
  const std::string& path() const { return _path; }

 private:
  std::string _dir, _path;
};

class PodmanAttachment : public container::Attachment {
 public:
  PodmanAttachment(const std::vector<std::string>& argv, const std::vector<std::string>& environment)
      : _process(argv, environment) {}

  bool pump(std::chrono::milliseconds wait, const container::OutputFn& output) override {
    return _process.pump(wait, [this, &output](int stream, std::string_view bytes) {
      if (stream == 2) rememberError(bytes);
      output(stream == 1 ? MFX_STREAM_STDOUT : MFX_STREAM_STDERR, bytes);
    });
  }
  std::string startError() const override { return _lastError; }

 private:
  /// Keeps podman's last "Error: ..." line (how it says start failed).
  void rememberError(std::string_view bytes) {
    _tail.append(bytes);
    std::string::size_type nl;
    while ((nl = _tail.find('\n')) != std::string::npos) {
      const std::string line = _tail.substr(0, nl);
      if (line.rfind("Error: ", 0) == 0) _lastError = line.substr(7);
      _tail.erase(0, nl + 1);
    }
    if (_tail.size() > 4096) _tail.erase(0, _tail.size() - 4096);
  }

  AttachedProcess _process;
  std::string _tail, _lastError;
};

std::vector<std::string> splitWords(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

}  // namespace

PodmanSettings PodmanSettings::fromHost(const Host& host) {
  PodmanSettings s;
  s.container = container::ContainerSettings::fromHost(host);
  if (auto v = host.config("program")) s.program = *v;
  if (auto v = host.config("global_options")) s.globalOptions = splitWords(*v);
  if (auto v = host.config("containers_conf")) s.containersConf = *v;
  if (auto v = host.config("storage_conf")) s.storageConf = *v;
  if (auto v = host.config("tmp_dir")) s.tmpDir = *v;
  s.commandTimeout = support::configMillis(host, "command_timeout_ms", s.commandTimeout, support::Zero::Refused);
  if (s.program.empty()) throw Invalid("program: must name the podman binary");
  return s;
}

PodmanEngine::PodmanEngine(PodmanSettings settings) : _settings(std::move(settings)) {}

std::vector<std::string> PodmanEngine::command(std::vector<std::string> args) const {
  std::vector<std::string> argv{_settings.program};
  argv.insert(argv.end(), _settings.globalOptions.begin(), _settings.globalOptions.end());
  argv.insert(argv.end(), std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
  return argv;
}

std::vector<std::string> PodmanEngine::environment(const std::vector<std::string>& extra) const {
  std::map<std::string, std::string> vars;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string entry = *e;
    const auto eq = entry.find('=');
    if (eq != std::string::npos) vars[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  if (!_settings.containersConf.empty()) vars["CONTAINERS_CONF"] = _settings.containersConf;
  if (!_settings.storageConf.empty()) vars["CONTAINERS_STORAGE_CONF"] = _settings.storageConf;
  for (const auto& entry : extra) {
    const auto eq = entry.find('=');
    vars[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  std::vector<std::string> out;
  out.reserve(vars.size());
  for (const auto& [k, v] : vars) out.push_back(k + "=" + v);
  return out;
}

std::string PodmanEngine::create(const ContainerRequest& r) {
  const container::ContainerSettings& c = _settings.container;
  std::vector<std::string> args{"create", "--name", r.name,
                                std::string("--pull=") + container::pullPolicyName(c.pull)};
  for (const auto& [k, v] : r.labels) args.insert(args.end(), {"--label", k + "=" + v});
  if (!r.workingDir.empty()) {
    if (r.workingDir.find_first_of(":,") != std::string::npos)
      throw LaunchFailure("the job's working directory " + r.workingDir + " contains ':' or ',' and cannot be mounted");
    args.insert(args.end(), {"--workdir", r.workingDir, "--volume", r.workingDir + ":" + r.workingDir});
  }
  for (const auto& m : c.mounts)
    args.insert(args.end(), {"--volume", m.source + ":" + m.target + (m.readOnly ? ":ro" : "")});
  if (!c.network.empty()) args.insert(args.end(), {"--network", c.network});
  if (!c.cpus.empty()) args.insert(args.end(), {"--cpus", c.cpus});
  if (c.memoryBytes > 0) args.insert(args.end(), {"--memory", std::to_string(c.memoryBytes)});
  if (!c.runtime.empty()) args.insert(args.end(), {"--runtime", c.runtime});
  if (!c.user.empty()) args.insert(args.end(), {"--user", c.user});
  if (c.init) args.emplace_back("--init");
  args.insert(args.end(), {"--log-driver", c.logDriver});

  std::vector<std::string> inherited, fileLines;
  for (const auto& var : r.env) {
    checkName(var.name);
    if (!podmanReads(var.name)) {
      args.insert(args.end(), {"--env", var.name});
      inherited.push_back(var.name + "=" + var.value);
    } else if (!var.secret) {
      args.insert(args.end(), {"--env", var.name + "=" + var.value});
    } else {
      if (var.value.find('\n') != std::string::npos)
        throw LaunchFailure("secret variable " + var.name + " holds a line break, which podman cannot take for a name it reads itself");
      fileLines.push_back(var.name + "=" + var.value);
    }
  }
  std::unique_ptr<EnvFile> envFile;
  if (!fileLines.empty()) {
    envFile = std::make_unique<EnvFile>(_settings.tmpDir, fileLines);
    args.insert(args.end(), {"--env-file", envFile->path()});
  }
  // The job's command replaces the image's entrypoint (a JSON array: no splitting).
  args.insert(args.end(), {"--entrypoint", nlohmann::json::array({r.argv.front()}).dump(), r.image});
  args.insert(args.end(), r.argv.begin() + 1, r.argv.end());

  const CliResult result = runCli(command(std::move(args)), environment(inherited), _settings.commandTimeout);
  envFile.reset();  // the container holds its environment now
  if (result.timedOut)
    throw LaunchFailure("podman did not create the container from image '" + r.image + "' within " +
                        std::to_string(_settings.commandTimeout.count()) + " ms");
  if (result.status != 0) {
    std::string reason = lastLine(result.err);
    if (reason.rfind("Error: ", 0) == 0) reason.erase(0, 7);
    throw LaunchFailure("podman could not create the container from image '" + r.image + "' (pull policy " +
                        container::pullPolicyName(c.pull) + "): " + (reason.empty() ? "exit status " + std::to_string(result.status) : reason));
  }
  const std::string id = trimmed(result.out);
  if (id.empty()) throw LaunchFailure("podman create printed no container id");
  return id;
}

std::unique_ptr<container::Attachment> PodmanEngine::start(const std::string& id) {
  try {
    return std::make_unique<PodmanAttachment>(command({"start", "--attach", id}), environment());
  } catch (const Error& e) {
    throw LaunchFailure(e.what());
  }
}

void PodmanEngine::stop(const std::string& id, std::chrono::milliseconds grace) {
  const auto seconds = static_cast<long long>(std::ceil(static_cast<double>(grace.count()) / 1000.0));
  const CliResult r = runCli(command({"stop", "--time", std::to_string(seconds), id}), environment(),
                             _settings.commandTimeout);
  if (r.status != 0) throw Unavailable("podman stop failed: " + lastLine(r.err));
}

ContainerExit PodmanEngine::exitOf(const std::string& id) {
  const CliResult r = runCli(
      command({"inspect", "--type", "container", "--format", "{{.State.ExitCode}} {{.State.OOMKilled}} {{.State.Status}}", id}),
      environment(), _settings.commandTimeout);
  if (r.status != 0) throw Unavailable("podman inspect failed: " + lastLine(r.err));
  std::istringstream in(r.out);
  ContainerExit exit;
  std::string oom, status;
  if (!(in >> exit.exitCode >> oom >> status)) throw Unavailable("podman inspect printed '" + trimmed(r.out) + "'");
  exit.oomKilled = oom == "true";
  exit.neverStarted = status == "created";
  return exit;
}

void PodmanEngine::remove(const std::string& id) {
  const CliResult r = runCli(command({"rm", "--force", "--ignore", "--volumes", id}), environment(),
                             _settings.commandTimeout);
  if (r.status != 0) throw Unavailable("podman rm failed: " + lastLine(r.err));
}

}  // namespace mfx::podman
