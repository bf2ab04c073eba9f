// The rule layer every front-end calls: one catalog per record kind over one
// store. The CLI, the REST API and the console parse their input, call one
// catalog method and render; none of them touches the store.
#pragma once

#include "catalog/UserCatalogOptions.h"
#include "domain/EnvNames.h"

#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace MultiFlexi {

class ApplicationCatalog;
class CompanyCatalog;
class CredentialCatalog;
class Database;
class JobCatalog;
class ManifestValidator;
class PluginRegistry;
class RunTemplateCatalog;
class SecurityCatalog;
class UserCatalog;

/// What a use case changed that the daemons act on: run templates (the
/// scheduler plans again) or the queue (executors look for work).
enum class Change { Templates, Jobs };

/// What the catalogs need from their host besides the store. Each is asked
/// only when a use case needs it, so that a command that never looks at a
/// plugin loads none.
struct CatalogHost {
  /// The loaded plugins (executors for can_run, credential types).
  std::function<PluginRegistry&()> plugins;
  /// MultiFlexi's manifest schema.
  std::function<const ManifestValidator&()> manifestValidator;
  /// Told after a change the daemons act on (the host wakes them).
  std::function<void(Change)> notify;
  /// Which environment variable names records may hold.
  EnvNamePolicy envNames;
  /// Password hash cost, clock and throttle of users().
  UserCatalogOptions users;
};

/// Threads: one catalog serves several threads at once (the HTTP server's
/// workers); each per-kind catalog is made once, under a lock, and keeps no
/// state between calls but what its store holds. The CatalogHost's
/// functions must then be safe to call from any thread.
class Catalog {
 public:
  /// Opens the store at `databasePath` (creating it and its master key
  /// `keyFile` when `create`, refusing a missing data directory otherwise),
  /// migrates it and attaches its key ring. Throws StoreException,
  /// EncryptionKeyException.
  static std::unique_ptr<Catalog> open(const std::string& databasePath, const std::string& keyFile, bool create,
                                       CatalogHost host);
  Catalog(std::unique_ptr<Database> database, CatalogHost host);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  ApplicationCatalog& applications();
  CompanyCatalog& companies();
  RunTemplateCatalog& runTemplates();
  JobCatalog& jobs();
  CredentialCatalog& credentials();
  /// Encryption at rest and the audit trail.
  SecurityCatalog& security();
  /// Users, roles, tokens and authentication. Safe to call from several
  /// threads at once (made on first use under a lock).
  UserCatalog& users();
  /// The store itself, for the daemons and maintenance the app composes.
  Database& database() { return *_database; }
  /// Where the store is, for messages ("/var/lib/multiflexi/multiflexi.db").
  std::string storeLocation() const;

 private:
  std::unique_ptr<Database> _database;
  CatalogHost _host;
  std::recursive_mutex _mutex;  // guards making the catalogs below (one asks for another)
  std::unique_ptr<ApplicationCatalog> _applications;
  std::unique_ptr<CompanyCatalog> _companies;
  std::unique_ptr<RunTemplateCatalog> _runTemplates;
  std::unique_ptr<JobCatalog> _jobs;
  std::unique_ptr<CredentialCatalog> _credentials;
  std::unique_ptr<SecurityCatalog> _security;
  std::once_flag _usersOnce;
  std::unique_ptr<UserCatalog> _users;
};

}  // namespace MultiFlexi
