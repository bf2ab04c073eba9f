#include "executor/JobLaunch.h"

#include "common/Exceptions.h"
#include "common/Json.h"
#include "domain/CommandLine.h"
#include "domain/JobTrace.h"
#include "plugin/ExecutorInput.h"
#include "executor/ArtifactCollector.h"
#include "executor/SecretMasker.h"
#include "store/ApplicationRepository.h"
#include "store/CompanyRepository.h"
#include "store/JobRepository.h"
#include "store/RunTemplateRepository.h"

#include <filesystem>
#include <system_error>

#include <sys/stat.h>

namespace MultiFlexi {

namespace fs = std::filesystem;

namespace {

/// The jobs directory and the data directory above it may be passed through
/// (0711), never listed: a job running as another user reaches its own
/// directory by path (MULTIFLEXI_TMP), and nothing else — every file there
/// is 0600 and the job directories are 0700.
void makeJobsDirectory(const fs::path& jobsDir) {
  std::error_code ec;
  fs::create_directories(jobsDir.parent_path(), ec);
  if (::mkdir(jobsDir.c_str(), 0711) != 0) return;  // exists already (or fails below, naming the job's directory)
  ::chmod(jobsDir.c_str(), 0711);
  ::chmod(jobsDir.parent_path().c_str(), 0711);
}

std::string makeWorkingDirectory(const std::string& jobsDir, int64_t jobId) {
  const fs::path dir = fs::absolute(fs::path(jobsDir) / std::to_string(jobId));
  std::error_code ec;
  fs::remove_all(dir, ec);  // left by an earlier attempt at this job
  makeJobsDirectory(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0)
    throw MultiFlexiException("cannot create the job's working directory " + dir.string() + ": " +
                              std::error_code(errno, std::generic_category()).message());
  return dir.string();
}

/// MultiFlexi's sanitizeResultFile: a relative RESULT_FILE lives in MULTIFLEXI_TMP.
void anchorResultFile(JobEnvironment& env, const std::string& workDir) {
  const auto& values = env.values();
  const auto it = values.find("RESULT_FILE");
  if (it == values.end() || it->second.value.empty()) return;
  const std::string& value = it->second.value;
  if (value.find("://") != std::string::npos || fs::path(value).is_absolute()) return;
  env.addInjected("RESULT_FILE", (fs::path(workDir) / value).string());
}

}  // namespace

LaunchSubject resolveLaunch(Database& database, const Job& job, LaunchCache& cache) {
  if (!job.runtemplateId) throw MultiFlexiException("the job has no run template");
  auto runTemplate = RunTemplateRepository(database).findById(*job.runtemplateId);
  if (!runTemplate) throw MultiFlexiException("run template " + std::to_string(*job.runtemplateId) + " is gone");
  if (!cache.apps.count(job.appId)) {
    auto app = ApplicationRepository(database).findById(job.appId);
    if (!app) throw MultiFlexiException("application " + std::to_string(job.appId) + " is gone");
    cache.apps.emplace(job.appId, std::move(*app));
  }
  if (!cache.companies.count(job.companyId)) {
    auto company = CompanyRepository(database).findById(job.companyId);
    if (!company) throw MultiFlexiException("company " + std::to_string(job.companyId) + " is gone");
    cache.companies.emplace(job.companyId, std::move(*company));
  }
  return LaunchSubject{std::move(*runTemplate), &cache.apps.at(job.appId), &cache.companies.at(job.companyId)};
}

JobLaunch prepareLaunch(Database& database, CredentialCatalog& credentials, const Job& job,
                        const LaunchSubject& subject, const LaunchSettings& settings) {
  const RunTemplate* runTemplate = &subject.runTemplate;
  const Company* company = subject.company;
  JobLaunch launch;
  launch.app = *subject.app;
  const std::string workDir = makeWorkingDirectory(settings.jobsDir, job.id);
  JobFacts facts;
  facts.jobId = job.id;
  facts.executor = job.executor;
  facts.workingDir = workDir;
  facts.version = settings.version;
  facts.traceparent = jobTrace(job.id, job.createdAt).traceparent();
  facts.overrides = JobRepository(database).overrides(job.id);
  facts.credentials = credentials.variablesOfTemplate(runTemplate->id, job.id);
  launch.environment = jobEnvironment(launch.app, *company, *runTemplate, facts, settings.daemonEnvironment);
  if (auto why = settings.envNames.launchRefusal(launch.environment.values())) throw ValidationException(*why);
  anchorResultFile(launch.environment, workDir);

  // Shell or not is decided on the manifest's text; values go in as data.
  std::string line = launch.app.executable;
  if (launch.app.cmdparams && !launch.app.cmdparams->empty()) line += " " + *launch.app.cmdparams;
  const CommandLine command = buildCommandLine(
      line, [&env = launch.environment](const std::string& name) { return env.valueOf(name); });
  JobRequest& request = launch.request;
  request.argv = command.argv;
  request.companyId = job.companyId;
  request.jobId = job.id;
  request.runtemplateId = *job.runtemplateId;
  request.appUuid = launch.app.uuid.value_or("");
  request.workingDir = workDir;
  request.timeout = settings.timeout;
  launch.templateImage = runTemplate->ociimage;
  request.optionsJson = executorOptionsJson(launch.app, launch.templateImage);
  OrderedJson snapshot = OrderedJson::object();
  OrderedJson secrets = OrderedJson::object();
  for (const auto& [key, v] : launch.environment.values()) {
    request.env.push_back(EnvEntry{key, v.value, v.secret, v.inherited()});
    snapshot[key] = v.secret ? std::string(SecretMasker::kMask) : v.value;
    if (v.secret) secrets[key] = v.value;
  }
  launch.resultFile = resultFileName(workDir, launch.environment);
  launch.commandLine = SecretMasker(launch.environment.secretValues()).mask(command.display);
  launch.envJson = snapshot.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
  if (!secrets.empty()) launch.secretEnvJson = secrets.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
  return launch;
}

}  // namespace MultiFlexi
