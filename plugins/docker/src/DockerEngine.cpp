#include "DockerEngine.h"

#include "HostConfig.h"
#include "StreamDemuxer.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace mfx::docker {

using container::ContainerExit;
using container::ContainerRequest;
using container::LaunchFailure;
using container::PullPolicy;

namespace {

std::string encoded(const std::string& text) {
  std::string out;
  Poco::URI::encode(text, "?#[]@!$&'()*+,;=/:", out);
  return out;
}

/// The output of a started container, read from its hijacked attach socket.
class DockerAttachment : public container::Attachment {
 public:
  explicit DockerAttachment(Poco::Net::StreamSocket socket) : _socket(std::move(socket)) {}
  ~DockerAttachment() override {
    try {
      _socket.close();
    } catch (const Poco::Exception&) {
      // closing a socket the engine already dropped
    }
  }
  DockerAttachment(const DockerAttachment&) = delete;
  DockerAttachment& operator=(const DockerAttachment&) = delete;

  bool pump(std::chrono::milliseconds wait, const container::OutputFn& output) override {
    try {
      // TLS may hold decrypted bytes the socket no longer shows as readable.
      if (_socket.available() <= 0 &&
          !_socket.poll(Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(wait.count()) * 1000),
                        Poco::Net::Socket::SELECT_READ))
        return true;
      const int n = _socket.receiveBytes(_buffer, sizeof _buffer);
      if (n <= 0) return false;
      _demuxer.feed(std::string_view(_buffer, static_cast<std::size_t>(n)), [&output](int stream, std::string_view bytes) {
        output(stream == 1 ? MFX_STREAM_STDOUT : MFX_STREAM_STDERR, bytes);
      });
      return true;
    } catch (const Poco::TimeoutException&) {
      return true;
    } catch (const Poco::Exception& e) {
      throw Unavailable("reading the container's output: " + e.displayText());
    }
  }

 private:
  Poco::Net::StreamSocket _socket;
  StreamDemuxer _demuxer;
  char _buffer[65536];
};

}  // namespace

DockerSettings DockerSettings::fromHost(const Host& host) {
  DockerSettings s;
  s.container = container::ContainerSettings::fromHost(host);
  if (auto v = host.config("host")) s.host = *v;
  s.tlsVerify = support::configBool(host, "tls_verify", s.tlsVerify);
  if (auto v = host.config("cert_path")) s.certPath = *v;
  if (auto v = host.config("api_version")) {
    if (v->size() < 2 || (*v)[0] != 'v') throw Invalid("api_version: expected a version such as v1.41, got '" + *v + "'");
    s.apiVersion = *v;
  }
  s.commandTimeout = support::configMillis(host, "command_timeout_ms", s.commandTimeout, support::Zero::Refused);
  return s;
}

DockerEngine::DockerEngine(const DockerSettings& settings)
    : _container(settings.container),
      _client(DockerEndpoint(settings.host, settings.tlsVerify, settings.certPath), settings.apiVersion),
      _timeout(settings.commandTimeout) {}

std::string DockerEngine::createBody(const ContainerRequest& r) const {
  nlohmann::json body;
  body["Image"] = r.image;
  body["Entrypoint"] = nlohmann::json::array({r.argv.front()});
  body["Cmd"] = nlohmann::json(std::vector<std::string>(r.argv.begin() + 1, r.argv.end()));
  nlohmann::json env = nlohmann::json::array();
  for (const auto& var : r.env) {
    if (var.name.empty() || var.name.find('=') != std::string::npos)
      throw LaunchFailure("environment variable '" + var.name + "' cannot be passed to a container: its name is not valid");
    env.push_back(var.name + "=" + var.value);
  }
  body["Env"] = env;
  body["Labels"] = r.labels;
  body["AttachStdin"] = false;
  body["AttachStdout"] = true;
  body["AttachStderr"] = true;
  body["Tty"] = false;
  body["OpenStdin"] = false;
  if (!_container.user.empty()) body["User"] = _container.user;
  nlohmann::json hostConfig;
  nlohmann::json binds = nlohmann::json::array();
  if (!r.workingDir.empty()) {
    if (r.workingDir.find(':') != std::string::npos)
      throw LaunchFailure("the job's working directory " + r.workingDir + " contains ':' and cannot be mounted");
    body["WorkingDir"] = r.workingDir;
    binds.push_back(r.workingDir + ":" + r.workingDir);
  }
  for (const auto& m : _container.mounts) binds.push_back(m.source + ":" + m.target + (m.readOnly ? ":ro" : ""));
  hostConfig["Binds"] = binds;
  if (!_container.network.empty()) hostConfig["NetworkMode"] = _container.network;
  if (!_container.cpus.empty()) hostConfig["NanoCpus"] = std::llround(std::strtod(_container.cpus.c_str(), nullptr) * 1e9);
  if (_container.memoryBytes > 0) hostConfig["Memory"] = _container.memoryBytes;
  if (!_container.runtime.empty()) hostConfig["Runtime"] = _container.runtime;
  if (_container.init) hostConfig["Init"] = true;
  hostConfig["LogConfig"] = {{"Type", _container.logDriver}, {"Config", nlohmann::json::object()}};
  body["HostConfig"] = hostConfig;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void DockerEngine::pull(const std::string& image) const {
  ApiResponse r;
  try {
    r = _client.expect("pull", "POST", "/images/create?fromImage=" + encoded(image), "", _timeout);
  } catch (const Error& e) {
    throw LaunchFailure("image '" + image + "' could not be pulled: " + e.what());
  }
  // The reply is a stream of JSON progress lines; a failure is one with "error".
  std::istringstream lines(r.body);
  for (std::string line; std::getline(lines, line);) {
    const auto doc = nlohmann::json::parse(line, nullptr, false);
    if (doc.is_object() && doc.contains("error"))
      throw LaunchFailure("image '" + image + "' could not be pulled: " + doc["error"].dump());
  }
}

std::string DockerEngine::create(const ContainerRequest& r) {
  const std::string body = createBody(r);
  if (_container.pull == PullPolicy::Always) pull(r.image);
  const std::string path = "/containers/create?name=" + encoded(r.name);
  ApiResponse response = _client.call("POST", path, body, _timeout);
  if (response.status == 404 && _container.pull == PullPolicy::Missing) {
    pull(r.image);
    response = _client.call("POST", path, body, _timeout);
  }
  if (response.status == 404)
    throw LaunchFailure("image '" + r.image + "' is not available (pull policy " +
                        container::pullPolicyName(_container.pull) + "): " + engineMessage(response.body));
  if (response.status >= 400)
    throw LaunchFailure("the Docker engine could not create the container from image '" + r.image +
                        "': " + engineMessage(response.body));
  const auto doc = nlohmann::json::parse(response.body, nullptr, false);
  if (!doc.is_object() || !doc.contains("Id") || !doc["Id"].is_string())
    throw LaunchFailure("the Docker engine answered create without an Id: " + response.body);
  return doc["Id"].get<std::string>();
}

std::unique_ptr<container::Attachment> DockerEngine::start(const std::string& id) {
  // Attach first: output written before the attach would otherwise be lost.
  std::unique_ptr<DockerAttachment> attachment;
  try {
    attachment = std::make_unique<DockerAttachment>(
        _client.hijack("/containers/" + id + "/attach?stream=1&stdout=1&stderr=1", _timeout));
    _client.expect("start", "POST", "/containers/" + id + "/start", "", _timeout);
  } catch (const Error& e) {
    throw LaunchFailure(e.what());
  }
  return attachment;
}

void DockerEngine::stop(const std::string& id, std::chrono::milliseconds grace) {
  const auto seconds = static_cast<long long>(std::ceil(static_cast<double>(grace.count()) / 1000.0));
  _client.expect("stop", "POST", "/containers/" + id + "/stop?t=" + std::to_string(seconds), "",
                 _timeout + std::chrono::seconds(seconds));
}

ContainerExit DockerEngine::exitOf(const std::string& id) {
  // The attach stream can end before the engine recorded the exit: wait.
  _client.expect("wait", "POST", "/containers/" + id + "/wait", "", _timeout);
  const ApiResponse r = _client.expect("inspect", "GET", "/containers/" + id + "/json", "", _timeout);
  const auto doc = nlohmann::json::parse(r.body, nullptr, false);
  const auto state = doc.is_object() ? doc.value("State", nlohmann::json::object()) : nlohmann::json::object();
  if (!state.contains("ExitCode")) throw Unavailable("inspect: the engine's answer has no State.ExitCode");
  ContainerExit exit;
  exit.exitCode = state["ExitCode"].get<int32_t>();
  exit.oomKilled = state.value("OOMKilled", false);
  exit.neverStarted = state.value("Status", "") == "created";
  return exit;
}

void DockerEngine::remove(const std::string& id) {
  const ApiResponse r = _client.call("DELETE", "/containers/" + id + "?force=1&v=1", "", _timeout);
  if (r.status >= 400 && r.status != 404) throw ApiError("remove: " + engineMessage(r.body));
}

}  // namespace mfx::docker
