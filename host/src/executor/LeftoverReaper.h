// Processes of jobs declared lost: a job whose executor died keeps running
// unless someone stops it. The executor that ends such a job as lost kills
// the process group it recorded, when that ran on this host and still
// belongs to the job (its environment carries the job's id), then removes
// the job's working directory, which no one else would.
#pragma once

#include "store/JobRepository.h"

#include <string>

namespace MultiFlexi {

/// "<host>:<pid>:<nonce>", unique for one executor run.
std::string newLeaseOwner();
/// The host part of a lease owner.
std::string leaseOwnerHost(const std::string& owner);

/// Stops what is left of `job` and says what happened, for the job's
/// message. When the job ran on this host, its processes are killed first,
/// then `<jobsDir>/<id>` is removed (nothing is removed when `jobsDir` is
/// empty). Never throws.
std::string reapLeftovers(const LostJob& job, const std::string& jobsDir);

}  // namespace MultiFlexi
