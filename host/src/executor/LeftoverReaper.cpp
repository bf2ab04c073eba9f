#include "executor/LeftoverReaper.h"

#include <Poco/Environment.h>
#include <Poco/RandomStream.h>

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

std::string reapLeftovers(const LostJob& job) {
  if (!job.pid || *job.pid <= 0) return "it never reported a local process";
  const std::string pid = std::to_string(*job.pid);
  const std::string host = leaseOwnerHost(job.leaseOwner);
  if (host != Poco::Environment::nodeName())
    return "its process " + pid + " ran on host " + host + " and could not be checked from here";
  if (!belongsToJob(*job.pid, job.id)) return "its process " + pid + " was no longer running";
  // The native executor makes each job the leader of its own process group.
  ::kill(-static_cast<pid_t>(*job.pid), SIGKILL);
  ::kill(static_cast<pid_t>(*job.pid), SIGKILL);
  return "its process " + pid + " was still running and was killed with its process group";
}

}  // namespace MultiFlexi
