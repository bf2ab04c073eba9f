#include "ContainerSettings.h"

#include "HostConfig.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace mfx::container {

namespace {

Invalid invalid(const std::string& key, const std::string& reason) { return Invalid(key + ": " + reason); }

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string::size_type begin = 0;
  while (begin <= text.size()) {
    const auto end = text.find(separator, begin);
    parts.push_back(text.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  return parts;
}

}  // namespace

const char* pullPolicyName(PullPolicy policy) {
  switch (policy) {
    case PullPolicy::Never: return "never";
    case PullPolicy::Missing: return "missing";
    case PullPolicy::Always: return "always";
  }
  return "missing";
}

int64_t parseMemory(const std::string& key, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const long long number = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end == text.c_str() || errno != 0 || number <= 0)
    throw invalid(key, "expected a positive size such as 512m or 2g, got '" + text + "'");
  const std::string unit = end;
  int shift = 0;
  if (unit == "k" || unit == "K") shift = 10;
  else if (unit == "m" || unit == "M") shift = 20;
  else if (unit == "g" || unit == "G") shift = 30;
  else if (!unit.empty() && unit != "b" && unit != "B")
    throw invalid(key, "unknown unit '" + unit + "' (use k, m or g)");
  if (number > (INT64_MAX >> shift)) throw invalid(key, "'" + text + "' is too large");
  return static_cast<int64_t>(number) << shift;
}

std::vector<Mount> parseMounts(const std::string& key, const std::string& text) {
  std::vector<Mount> mounts;
  for (const std::string& item : split(text, ',')) {
    if (item.empty()) continue;
    const std::vector<std::string> parts = split(item, ':');
    if (parts.size() < 2 || parts.size() > 3)
      throw invalid(key, "'" + item + "': expected SOURCE:TARGET or SOURCE:TARGET:ro");
    Mount m{parts[0], parts[1], false};
    if (m.source.empty() || m.source[0] != '/' || m.target.empty() || m.target[0] != '/')
      throw invalid(key, "'" + item + "': both paths must be absolute");
    if (parts.size() == 3) {
      if (parts[2] != "ro" && parts[2] != "rw") throw invalid(key, "'" + item + "': the mode must be ro or rw");
      m.readOnly = parts[2] == "ro";
    }
    mounts.push_back(std::move(m));
  }
  return mounts;
}

ContainerSettings ContainerSettings::fromHost(const Host& host) {
  ContainerSettings s;
  if (auto pull = host.config("pull")) {
    if (*pull == "never") s.pull = PullPolicy::Never;
    else if (*pull == "missing") s.pull = PullPolicy::Missing;
    else if (*pull == "always") s.pull = PullPolicy::Always;
    else throw invalid("pull", "expected never, missing or always, got '" + *pull + "'");
  }
  if (auto network = host.config("network")) s.network = *network;
  if (auto cpus = host.config("cpus")) {
    char* end = nullptr;
    const double value = std::strtod(cpus->c_str(), &end);
    if (cpus->empty() || *end != '\0' || !std::isfinite(value) || value <= 0)
      throw invalid("cpus", "expected a positive number of CPUs such as 1.5, got '" + *cpus + "'");
    s.cpus = *cpus;
  }
  if (auto memory = host.config("memory")) s.memoryBytes = parseMemory("memory", *memory);
  if (auto mounts = host.config("mounts")) s.mounts = parseMounts("mounts", *mounts);
  if (auto runtime = host.config("runtime")) s.runtime = *runtime;
  if (auto user = host.config("user")) s.user = *user;
  s.init = support::configBool(host, "init", s.init);
  if (auto driver = host.config("log_driver")) {
    if (driver->empty()) throw invalid("log_driver", "must name a log driver (none, json-file, journald ...)");
    s.logDriver = *driver;
  }
  s.killGrace = support::configMillis(host, "kill_grace_ms", s.killGrace, support::Zero::Allowed);
  return s;
}

}  // namespace mfx::container
