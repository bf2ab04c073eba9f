// What a command gets from the application: configuration, output format,
// and the plugins and the store, each opened on first use.
#pragma once

#include "app/Settings.h"
#include "credentials/CredentialCatalog.h"
#include "domain/EnvNames.h"
#include "manifest/ManifestValidator.h"
#include "plugin/PluginRegistry.h"
#include "app/WakeChannel.h"
#include "store/ApplicationRepository.h"
#include "store/ArtifactRepository.h"
#include "store/AuditRepository.h"
#include "store/CompanyRepository.h"
#include "store/Database.h"
#include "store/JobRepository.h"
#include "store/RunTemplateRepository.h"

#include <Poco/Util/AbstractConfiguration.h>

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace MultiFlexi {

enum class OutputFormat { Text, Json };

class CommandContext {
 public:
  CommandContext(Poco::Util::AbstractConfiguration& config, OutputFormat format,
                 std::vector<std::string> pluginDirs, std::ostream& out);
  ~CommandContext();

  Poco::Util::AbstractConfiguration& config() const { return _config; }
  Settings settings() const { return Settings(_config); }
  OutputFormat format() const { return _format; }
  bool json() const { return _format == OutputFormat::Json; }
  std::ostream& out() const { return _out; }
  /// The plugin directories in the order they are scanned.
  const std::vector<std::string>& pluginDirs() const { return _pluginDirs; }
  /// The registry, loading every plugin directory on first use.
  PluginRegistry& plugins();
  /// From now on database() refuses a data directory that does not exist
  /// instead of creating it with a store and a master key: for commands
  /// that only read.
  void refuseToCreateStore() { _createStore = false; }
  /// The database, opened and migrated on first use, with its key ring.
  /// Throws EncryptionKeyException when sealed data exists and the key
  /// file is missing or wrong: no command runs then.
  Database& database();
  /// Credential prototypes, types, credentials and bindings (loads plugins).
  CredentialCatalog& credentials();
  AuditRepository& audit();
  ApplicationRepository& applications();
  CompanyRepository& companies();
  RunTemplateRepository& runTemplates();
  JobRepository& jobs();
  ArtifactRepository& artifacts();
  /// Which environment names commands accept (MULTIFLEXI_ALLOWED_ENV).
  EnvNamePolicy envNames() const;
  /// Wakes the daemons of this data directory that wait for `topic`.
  void notifyDaemons(WakeTopic topic) const;
  /// MultiFlexi's manifest schema, loaded on first use.
  const ManifestValidator& manifestValidator();

 private:
  Poco::Util::AbstractConfiguration& _config;
  OutputFormat _format;
  std::vector<std::string> _pluginDirs;
  std::ostream& _out;
  bool _createStore = true;
  std::unique_ptr<PluginRegistry> _plugins;
  std::unique_ptr<Database> _database;
  std::unique_ptr<ApplicationRepository> _applications;
  std::unique_ptr<CompanyRepository> _companies;
  std::unique_ptr<RunTemplateRepository> _runTemplates;
  std::unique_ptr<JobRepository> _jobs;
  std::unique_ptr<ArtifactRepository> _artifacts;
  std::unique_ptr<CredentialCatalog> _credentials;
  std::unique_ptr<AuditRepository> _audit;
  std::unique_ptr<ManifestValidator> _validator;
};

}  // namespace MultiFlexi
