// Everything a claimed job needs to run: its environment in MultiFlexi's
// precedence, its command line, its own working directory, and the
// executor plugin's request.
#pragma once

#include "domain/Application.h"
#include "catalog/CredentialCatalog.h"
#include "domain/Company.h"
#include "domain/EnvNames.h"
#include "domain/Job.h"
#include "domain/JobEnvironment.h"
#include "plugin/HostJob.h"
#include "store/Database.h"

#include <chrono>
#include <map>
#include <string>

namespace MultiFlexi {

struct LaunchSettings {
  std::string jobsDir;  ///< each job works in <jobsDir>/<job id>
  std::string version;  ///< MULTIFLEXI_VERSION
  std::chrono::milliseconds timeout{0};
  std::map<std::string, std::string> daemonEnvironment;  ///< source of the PATH/LANG/TZ/HOME allow-list
  EnvNamePolicy envNames;  ///< names a job's environment may hold (MULTIFLEXI_ALLOWED_ENV)
};

struct JobLaunch {
  Application app;
  JobEnvironment environment;
  JobRequest request;
  std::optional<std::string> templateImage;  ///< the run template's image override, for the executor's can_run
  std::string commandLine;  ///< as shown and stored, secrets masked
  std::string envJson;      ///< the environment snapshot, secrets masked
  std::string secretEnvJson;  ///< the secret variables as a JSON object (sealed when stored); empty when none
  std::string resultFile;     ///< RESULT_FILE's name in the working directory (resultFileName); empty when none
};

/// Applications and companies read while launching one batch of claimed
/// jobs (many jobs share them); dropped after the batch.
struct LaunchCache {
  std::map<int64_t, Application> apps;
  std::map<int64_t, Company> companies;
};

/// The records a claimed job runs from, read before anything is prepared
/// (so the executor's can_run can be asked first).
struct LaunchSubject {
  RunTemplate runTemplate;
  const Application* app = nullptr;  ///< in the batch's LaunchCache
  const Company* company = nullptr;  ///< in the batch's LaunchCache
};

/// Loads `job`'s template, application and company (the last two through
/// `cache`, which must outlive the result). Throws MultiFlexiException when
/// one is gone or the job has no template.
LaunchSubject resolveLaunch(Database& database, const Job& job, LaunchCache& cache);

/// Prepares `job` of `subject`: creates its working directory (mode 0700)
/// and assembles the environment (with the variables of the credentials
/// bound to the template, which may run credential helpers) and command.
/// Throws MultiFlexiException with the reason when the job cannot run (a
/// credential lookup failed, a variable name the policy refuses — one that
/// entered before the rule did, or from a credential —, command line
/// malformed ...).
JobLaunch prepareLaunch(Database& database, CredentialCatalog& credentials, const Job& job,
                        const LaunchSubject& subject, const LaunchSettings& settings);

}  // namespace MultiFlexi
