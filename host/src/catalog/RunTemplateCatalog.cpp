#include "catalog/RunTemplateCatalog.h"

#include "catalog/ApplicationCatalog.h"
#include "catalog/Changes.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/CredentialCatalog.h"
#include "common/Exceptions.h"
#include "store/AuditRepository.h"
#include "plugin/ExecutorInput.h"
#include "plugin/PluginRegistry.h"

namespace MultiFlexi {

namespace {
/// The executor `id`; ValidationException "executor" when no plugin provides it.
const ExecutorAdapter& requireExecutor(CatalogHost& host, const std::string& id) {
  try {
    return host.plugins().executor(id);
  } catch (const UnknownComponentException& e) {
    throw ValidationException("executor", e.message());
  }
}
}  // namespace

RunTemplateCatalog::RunTemplateCatalog(Database& database, CatalogHost& host, ApplicationCatalog& applications,
                                       CompanyCatalog& companies, std::function<CredentialCatalog&()> credentials)
    : _host(host),
      _applications(applications),
      _companies(companies),
      _credentials(std::move(credentials)),
      _repository(database, host.envNames),
      _database(database) {}

RunTemplate RunTemplateCatalog::create(const RunTemplateChanges& changes) {
  if (!changes.appId && !changes.appUuid)
    throw ValidationException("app_id", "a run template needs an application (app_id or app_uuid)");
  if (!changes.companyId && !changes.company)
    throw ValidationException("company_id", "a run template needs a company (company_id or company)");
  RunTemplate t;
  t.name = changes.name.value_or("");
  apply(changes, t);
  const int64_t id = _repository.create(t);
  AuditRepository(_database).record("runtemplate.create", "run template " + std::to_string(id), t.companyId, t.name);
  _host.notify(Change::Templates);
  return get(id);
}

RunTemplate RunTemplateCatalog::update(int64_t id, const RunTemplateChanges& changes) {
  RunTemplate t = get(id);
  apply(changes, t);
  for (const auto& key : changes.unsetConfig)
    if (t.config.erase(key) == 0) throw ValidationException("unset-config", "the run template has no value '" + key + "'");
  _repository.update(t);
  AuditRepository(_database).record("runtemplate.update", "run template " + std::to_string(id), t.companyId, t.name);
  _host.notify(Change::Templates);
  return get(id);
}

void RunTemplateCatalog::remove(int64_t id) {
  const RunTemplate t = get(id);
  _repository.remove(id);
  AuditRepository(_database).record("runtemplate.delete", "run template " + std::to_string(id), t.companyId, t.name);
}

std::string RunTemplateCatalog::assignCredential(int64_t id, int64_t credentialId,
                                                 const std::optional<std::string>& requirement, bool extra) {
  const RunTemplate t = get(id);
  const auto app = _applications.findById(t.appId);
  if (!app) throw NotFoundException("application " + std::to_string(t.appId) + " is gone");
  std::string assigned = _credentials().assign(t, *app, credentialId, requirement, extra);
  AuditRepository(_database).record("runtemplate.credential.assign", "run template " + std::to_string(id), t.companyId,
                                    "credential " + std::to_string(credentialId) + " for " + assigned);
  return assigned;
}

void RunTemplateCatalog::unassignCredential(int64_t id, int64_t credentialId) {
  const RunTemplate t = get(id);
  _credentials().credentials().unbind(id, credentialId);
  AuditRepository(_database).record("runtemplate.credential.unassign", "run template " + std::to_string(id),
                                    t.companyId, "credential " + std::to_string(credentialId));
}

std::vector<CredentialRequirement> RunTemplateCatalog::credentialRequirements(int64_t id) {
  const RunTemplate t = get(id);
  const auto app = _applications.findById(t.appId);
  std::vector<CredentialBinding> bindings = _credentials().credentials().bindings(id);
  std::vector<CredentialRequirement> out;
  for (const std::string& code : app ? app->requirements : std::vector<std::string>{}) {
    if (code.empty()) continue;
    CredentialRequirement r;
    r.kind = code;
    for (auto it = bindings.begin(); it != bindings.end(); ++it)
      if (it->requirement == requirementKey(code)) {
        r.binding = *it;
        bindings.erase(it);
        break;
      }
    out.push_back(std::move(r));
  }
  for (CredentialBinding& b : bindings) out.push_back({b.requirement, std::move(b), true});
  return out;
}

ExecutorVerdict RunTemplateCatalog::canRun(int64_t id, const std::optional<std::string>& executor) {
  RunTemplate t = get(id);
  if (executor) t.executor = *executor;
  if (!_applications.findById(t.appId)) throw NotFoundException("application " + std::to_string(t.appId) + " is gone");
  return {t.executor, refusalOf(t)};
}

RunTemplate RunTemplateCatalog::get(int64_t id) {
  auto t = _repository.findById(id);
  if (!t) throw NotFoundException("no run template with id " + std::to_string(id));
  return *t;
}

RunTemplate RunTemplateCatalog::getByName(const std::string& name) {
  auto t = _repository.findByName(name);
  if (!t) throw NotFoundException("no run template named '" + name + "'");
  return *t;
}

std::optional<RunTemplate> RunTemplateCatalog::findById(int64_t id) { return _repository.findById(id); }

std::vector<RunTemplate> RunTemplateCatalog::list(const RunTemplateQuery& query) {
  RunTemplateFilter filter;
  filter.limit = query.limit;
  filter.offset = query.offset;
  if (query.companyId) filter.companyId = *query.companyId;
  if (query.company) filter.companyId = _companies.idOf("company", *query.company);
  if (query.appId) filter.appId = *query.appId;
  if (query.appUuid) filter.appId = _applications.idOfUuid("app_uuid", *query.appUuid);
  filter.companyIds = query.companyIds;
  filter.order = query.order;
  return _repository.list(filter);
}

void RunTemplateCatalog::apply(const RunTemplateChanges& c, RunTemplate& t) {
  if (c.name) t.name = *c.name;
  if (c.appId)
    t.appId = *c.appId;
  else if (c.appUuid)
    t.appId = _applications.idOfUuid("app_uuid", *c.appUuid);
  if (c.companyId)
    t.companyId = *c.companyId;
  else if (c.company)
    t.companyId = _companies.idOf("company", *c.company);
  if (c.interval) t.interval = Interval::parse(*c.interval);
  applyClearable(c.cron, t.cron);
  if (c.cron && t.cron && !c.interval) t.interval = 'c';
  if (t.interval != 'c' && c.interval && !c.cron) t.cron.reset();
  if (c.delaySeconds) t.delaySeconds = checkedDelay(*c.delaySeconds);
  applyClearable(c.timeZone, t.timeZone);
  if (c.executor) {
    t.executor = *c.executor;
    requireExecutor(_host, t.executor);
  }
  if (c.active) t.active = *c.active;
  if (c.misfire) t.misfire = parseMisfire(*c.misfire);
  if (c.allowOverlap) t.allowOverlap = *c.allowOverlap;
  for (const auto& [k, v] : c.config) t.config[k] = v;
  applyClearable(c.note, t.note);
  applyClearable(c.ociimage, t.ociimage);
  if (c.executor || c.ociimage || c.appId || c.appUuid) requireExecutorAccepts(t);
}

void RunTemplateCatalog::requireExecutorAccepts(const RunTemplate& t) {
  const auto refusal = refusalOf(t);
  if (refusal) throw ValidationException("executor", "executor '" + t.executor + "' cannot run " + *refusal);
}

std::optional<std::string> RunTemplateCatalog::refusalOf(const RunTemplate& t) {
  const auto app = _applications.findById(t.appId);
  if (!app) return std::nullopt;  // the repository names the missing application
  const auto refusal =
      requireExecutor(_host, t.executor).refusal(manifestForTemplate(*app, t.ociimage).dump());
  if (!refusal) return std::nullopt;
  return "application '" + app->name + "': " + *refusal;
}

}  // namespace MultiFlexi
