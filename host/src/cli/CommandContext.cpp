#include "cli/CommandContext.h"

#include "store/KeyRepository.h"

#include <Poco/Logger.h>

namespace MultiFlexi {

CommandContext::CommandContext(Poco::Util::AbstractConfiguration& config, OutputFormat format,
                               std::vector<std::string> pluginDirs, std::ostream& out)
    : _config(config), _format(format), _pluginDirs(std::move(pluginDirs)), _out(out) {}

CommandContext::~CommandContext() = default;

PluginRegistry& CommandContext::plugins() {
  if (!_plugins) {
    _plugins = std::make_unique<PluginRegistry>(_config);
    for (const auto& dir : _pluginDirs) _plugins->loadDirectory(dir);
  }
  return *_plugins;
}

Database& CommandContext::database() {
  if (!_database) {
    auto database = Database::openSqlite(settings().databasePath(), _createStore);
    database->attachKeyRing(KeyRepository::loadRing(*database, settings().keyFile(), Poco::Logger::get("multiflexi.crypto")));
    _database = std::move(database);
  }
  return *_database;
}

CredentialCatalog& CommandContext::credentials() {
  if (!_credentials) _credentials = std::make_unique<CredentialCatalog>(database(), &plugins());
  return *_credentials;
}

AuditRepository& CommandContext::audit() {
  if (!_audit) _audit = std::make_unique<AuditRepository>(database());
  return *_audit;
}

ApplicationRepository& CommandContext::applications() {
  if (!_applications) _applications = std::make_unique<ApplicationRepository>(database());
  return *_applications;
}

CompanyRepository& CommandContext::companies() {
  if (!_companies) _companies = std::make_unique<CompanyRepository>(database(), envNames());
  return *_companies;
}

RunTemplateRepository& CommandContext::runTemplates() {
  if (!_runTemplates) _runTemplates = std::make_unique<RunTemplateRepository>(database(), envNames());
  return *_runTemplates;
}

JobRepository& CommandContext::jobs() {
  if (!_jobs) _jobs = std::make_unique<JobRepository>(database());
  return *_jobs;
}

ArtifactRepository& CommandContext::artifacts() {
  if (!_artifacts) _artifacts = std::make_unique<ArtifactRepository>(database());
  return *_artifacts;
}

EnvNamePolicy CommandContext::envNames() const { return EnvNamePolicy(settings().allowedEnvNames()); }

void CommandContext::notifyDaemons(WakeTopic topic) const {
  MultiFlexi::notifyDaemons(settings().runDirectory(), topic);
}

const ManifestValidator& CommandContext::manifestValidator() {
  if (!_validator) _validator = std::make_unique<ManifestValidator>(settings().applicationSchemaPath());
  return *_validator;
}

}  // namespace MultiFlexi
