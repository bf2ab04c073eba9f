// The use cases of run templates: create and change them with every rule
// (references by id, uuid or slug; the executor loaded and able to run the
// application as the template runs it), look them up, list, delete.
#pragma once

#include "catalog/Catalog.h"
#include "domain/Credential.h"
#include "domain/RunTemplate.h"
#include "store/RunTemplateRepository.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

class ApplicationCatalog;
class CompanyCatalog;
class CredentialCatalog;

/// A change to a run template as a front-end received it: a field is set
/// only when given. Clearable fields: an empty text clears them.
struct RunTemplateChanges {
  std::optional<std::string> name;
  std::optional<int64_t> appId;
  std::optional<std::string> appUuid;  ///< used when appId is not given
  std::optional<int64_t> companyId;
  std::optional<std::string> company;  ///< slug or id, when companyId is not given
  std::optional<std::string> interval;
  std::optional<std::string> cron;     ///< sets interval c unless interval is given
  std::optional<int64_t> delaySeconds;
  std::optional<std::string> timeZone;
  std::optional<std::string> executor;
  std::optional<std::string> ociimage;
  std::optional<bool> active;
  std::optional<std::string> misfire;
  std::optional<bool> allowOverlap;
  std::map<std::string, std::string> config;  ///< values to set
  std::vector<std::string> unsetConfig;       ///< keys to remove (each must exist)
  std::optional<std::string> note;
};

/// Which run templates to list: a company by id or slug/id text, an
/// application by id or uuid, and the page.
struct RunTemplateQuery {
  std::optional<int64_t> companyId;
  std::optional<std::string> company;
  std::optional<int64_t> appId;
  std::optional<std::string> appUuid;
  /// Only these companies' templates (a caller's visible ones); all when unset.
  std::optional<std::vector<int64_t>> companyIds;
  std::optional<ListOrder> order;
  int64_t limit = 100;
  int64_t offset = 0;
};

/// Whether an executor can run a template's application as the template
/// runs it (its ociimage): the executor asked and its refusal, if any.
struct ExecutorVerdict {
  std::string executor;
  std::optional<std::string> refusal;  ///< the executor's reason; nullopt when it can run it
};

/// One requirement of a template's application and the credential bound for
/// it (none yet), or a credential bound for a requirement the application
/// does not list (`extra`, assigned with --extra).
struct CredentialRequirement {
  std::string kind;  ///< the requirement code as the application spells it
  std::optional<CredentialBinding> binding;
  bool extra = false;
};

class RunTemplateCatalog {
 public:
  RunTemplateCatalog(Database& database, CatalogHost& host, ApplicationCatalog& applications,
                     CompanyCatalog& companies, std::function<CredentialCatalog&()> credentials);

  /// Creates a run template from `changes` (name, an application and a
  /// company required) and wakes the scheduler. Throws ValidationException
  /// naming the field, ConflictException.
  RunTemplate create(const RunTemplateChanges& changes);
  /// Applies `changes` to run template `id` and wakes the scheduler.
  /// NotFoundException when there is none.
  RunTemplate update(int64_t id, const RunTemplateChanges& changes);
  /// Deletes a run template without jobs (ConflictException otherwise).
  void remove(int64_t id);
  /// Gives the jobs of template `id` credential `credentialId` of its
  /// company, for `requirement` (default: what its type provides), which
  /// must be one of the application's unless `extra`. Returns the
  /// requirement as the application spells it.
  std::string assignCredential(int64_t id, int64_t credentialId, const std::optional<std::string>& requirement,
                               bool extra);
  /// Takes credential `credentialId` away from template `id`; NotFoundException
  /// when it was not assigned. Audited.
  void unassignCredential(int64_t id, int64_t credentialId);

  /// The application's requirements of template `id`, in its order, each
  /// with what is bound for it, then the extra bindings. NotFoundException.
  std::vector<CredentialRequirement> credentialRequirements(int64_t id);
  /// Asks `executor` (default: the template's) whether it can run template
  /// `id`'s application as the template runs it, changing nothing.
  /// ValidationException "executor" when no plugin provides it;
  /// NotFoundException when there is no template.
  ExecutorVerdict canRun(int64_t id, const std::optional<std::string>& executor);

  /// NotFoundException ("no run template with id 5") when there is none.
  RunTemplate get(int64_t id);
  RunTemplate getByName(const std::string& name);
  std::optional<RunTemplate> findById(int64_t id);
  std::vector<RunTemplate> list(const RunTemplateQuery& query);

 private:
  void apply(const RunTemplateChanges& changes, RunTemplate& t);
  /// The executor's can_run on the application as this template runs it.
  void requireExecutorAccepts(const RunTemplate& t);
  /// The executor's refusal of `t` (nullopt: it can run it); ValidationException
  /// "executor" when no plugin provides t.executor.
  std::optional<std::string> refusalOf(const RunTemplate& t);

  CatalogHost& _host;
  ApplicationCatalog& _applications;
  CompanyCatalog& _companies;
  std::function<CredentialCatalog&()> _credentials;
  RunTemplateRepository _repository;
  Database& _database;  ///< for the audit trail
};

}  // namespace MultiFlexi
