#include "api/DashboardRoutes.h"

#include "api/Access.h"
#include "api/JsonFields.h"
#include "catalog/Dashboard.h"

namespace MultiFlexi {

namespace {

OrderedJson bucketJson(const TimeBucket& b) {
  OrderedJson j = OrderedJson::object();
  j["start"] = formatInstant(b.start);
  j["success"] = b.ended.success;
  j["failed"] = b.ended.failed;
  j["cancelled"] = b.ended.cancelled;
  j["lost"] = b.ended.lost;
  return j;
}

OrderedJson nullableId(const std::optional<int64_t>& id) { return id ? OrderedJson(*id) : OrderedJson(); }

/// What a running job and a failure both show first.
OrderedJson jobHeadJson(const DashboardJob& job) {
  OrderedJson j = OrderedJson::object();
  j["id"] = job.id;
  j["runtemplate_id"] = nullableId(job.runtemplateId);
  j["runtemplate_name"] = job.runtemplateName;
  j["company_id"] = job.companyId;
  j["company_name"] = job.companyName;
  return j;
}

}  // namespace

OrderedJson dashboardJson(const Dashboard& d) {
  OrderedJson j = OrderedJson::object();
  j["generated_at"] = formatInstant(d.generatedAt);
  j["zone"] = d.zone;
  j["hours"] = OrderedJson::array();
  for (const TimeBucket& b : d.hours) j["hours"].push_back(bucketJson(b));
  j["days"] = OrderedJson::array();
  for (const TimeBucket& b : d.days) j["days"].push_back(bucketJson(b));
  j["pending"] = d.pending;
  j["running"] = OrderedJson::array();
  for (const DashboardJob& r : d.running) {
    OrderedJson e = jobHeadJson(r);
    e["app_id"] = r.appId;
    e["app_name"] = r.appName;
    e["executor"] = r.executor;
    e["begin"] = nullableInstant(r.begin);
    j["running"].push_back(std::move(e));
  }
  j["next_runs"] = OrderedJson::array();
  for (const NextRun& n : d.nextRuns) {
    OrderedJson e = OrderedJson::object();
    e["runtemplate_id"] = n.runtemplateId;
    e["name"] = n.name;
    e["company_id"] = n.companyId;
    e["company_name"] = n.companyName;
    e["next"] = formatInstant(n.next);
    j["next_runs"].push_back(std::move(e));
  }
  j["failures"] = OrderedJson::array();
  for (const FailedJob& f : d.failures) {
    OrderedJson e = jobHeadJson(f.job);
    e["status"] = f.job.state;
    e["exitcode"] = nullableId(f.job.exitCode);
    e["end"] = nullableInstant(f.job.end);
    e["stderr_head"] = f.stderrHead;
    j["failures"].push_back(std::move(e));
  }
  j["companies"] = OrderedJson::array();
  for (const CompanyActivityRow& c : d.companies) {
    OrderedJson e = OrderedJson::object();
    e["id"] = c.id;
    e["name"] = c.name;
    e["slug"] = c.slug;
    e["templates"] = c.templates;
    e["active_templates"] = c.activeTemplates;
    e["running"] = c.running;
    e["success_24h"] = c.success;
    e["failed_24h"] = c.failed;
    j["companies"].push_back(std::move(e));
  }
  return j;
}

std::vector<ApiRoute> dashboardRoutes(std::string serverZone, std::function<Instant()> clock) {
  auto dashboard = [zone = std::move(serverZone), clock = std::move(clock)](Catalog& catalog,
                                                                             const ApiRequest& request) {
    callerOf(request);
    ApiResponse response;
    response.body = dashboardJson(dashboardOf(catalog, visibleCompanies(request), clock(), zone));
    return response;
  };
  return {
      {"GET", "/dashboard", true, true, "The console's overview of the caller's companies", dashboard},
  };
}

}  // namespace MultiFlexi
