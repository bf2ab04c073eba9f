// The unprivileged account native jobs run as ("multiflexi-job", made by
// scripts/install-deps.sh), for tests of privilege separation. They need
// root: outside CI a test without it skips with the reason; with CI=true it
// runs and fails.
#pragma once

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>

#include <boost/test/unit_test.hpp>

namespace MultiFlexi::Testing {

struct JobUser {
  uid_t uid;
  gid_t gid;
};

/// The job user, when this process may switch to it.
inline std::optional<JobUser> jobUser() {
  const passwd* entry = ::getpwnam("multiflexi-job");
  if (::geteuid() != 0 || entry == nullptr) return std::nullopt;
  return JobUser{entry->pw_uid, entry->pw_gid};
}

/// Precondition: root and the job user exist, or CI (where the test must fail instead).
struct JobUserAvailable {
  boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
    const char* ci = std::getenv("CI");
    if (jobUser() || (ci != nullptr && std::string(ci) == "true")) return true;
    boost::test_tools::assertion_result r(false);
    r.message() << "SKIPPED: needs root and the user multiflexi-job (scripts/install-deps.sh --tests creates it)";
    return r;
  }
};

}  // namespace MultiFlexi::Testing
