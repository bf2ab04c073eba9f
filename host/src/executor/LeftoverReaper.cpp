#include "executor/LeftoverReaper.h"

#include <Poco/Environment.h>
#include <Poco/RandomStream.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <sstream>

#include <signal.h>
#include <unistd.h>

namespace MultiFlexi {

namespace {

/// True when process `pid` runs with MULTIFLEXI_JOB_ID=<jobId>.
bool belongsToJob(int64_t pid, int64_t jobId) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/environ", std::ios::binary);
  if (!in) return false;
  const std::string environ((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string marker = "MULTIFLEXI_JOB_ID=" + std::to_string(jobId) + '\0';
  return environ.rfind(marker, 0) == 0 || environ.find('\0' + marker) != std::string::npos;
}

}  // namespace

std::string newLeaseOwner() {
  unsigned char nonce[4];
  Poco::RandomInputStream().read(reinterpret_cast<char*>(nonce), sizeof nonce);
  std::ostringstream out;
  out << Poco::Environment::nodeName() << ':' << ::getpid() << ':' << std::hex << std::setfill('0');
  for (unsigned char b : nonce) out << std::setw(2) << static_cast<int>(b);
  return out.str();
}

std::string leaseOwnerHost(const std::string& owner) { return owner.substr(0, owner.find(':')); }

namespace {

/// What became of the lost job's process.
std::string reapProcess(const LostJob& job, const std::string& host, bool here) {
  if (!job.pid || *job.pid <= 0) return "it never reported a local process";
  const std::string pid = std::to_string(*job.pid);
  if (!here) return "its process " + pid + " ran on host " + host + " and could not be checked from here";
  if (!belongsToJob(*job.pid, job.id)) return "its process " + pid + " was no longer running";
  // The native executor makes each job the leader of its own process group.
  ::kill(-static_cast<pid_t>(*job.pid), SIGKILL);
  ::kill(static_cast<pid_t>(*job.pid), SIGKILL);
  return "its process " + pid + " was still running and was killed with its process group";
}

/// Removes <jobsDir>/<id>, once its processes are gone; empty when there was none.
std::string removeWorkingDirectory(int64_t jobId, const std::string& jobsDir) {
  if (jobsDir.empty()) return "";
  const std::filesystem::path dir = std::filesystem::path(jobsDir) / std::to_string(jobId);
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(dir, ec))) return "";
  std::filesystem::remove_all(dir, ec);
  if (ec) return "its working directory " + dir.string() + " could not be removed: " + ec.message();
  return "its working directory was removed";
}

}  // namespace

std::string reapLeftovers(const LostJob& job, const std::string& jobsDir) {
  const std::string host = leaseOwnerHost(job.leaseOwner);
  const bool here = host == Poco::Environment::nodeName();
  std::string what = reapProcess(job, host, here);
  if (here) {
    const std::string removed = removeWorkingDirectory(job.id, jobsDir);
    if (!removed.empty()) what += "; " + removed;
  }
  return what;
}

}  // namespace MultiFlexi
