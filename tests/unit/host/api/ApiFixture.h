// The REST API's handlers over a real catalog: two companies (acme and
// beta) with a run template and a job each, callers of each role, requests
// built in one line, a digest of the tables to prove a refused request
// changed nothing, and the check that a body matches MultiFlexi's OpenAPI
// document.
#pragma once

#include "../catalog/CatalogFixture.h"
#include "OpenApiSchemas.h"
#include "api/ApiRoute.h"
#include "catalog/ApplicationCatalog.h"
#include "catalog/CompanyCatalog.h"
#include "catalog/JobCatalog.h"
#include "catalog/RunTemplateCatalog.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace MultiFlexi::Testing {

struct ApiFixture : CatalogFixture {
  int64_t acme = 0, beta = 0, appId = 0;
  int64_t acmeTemplate = 0, betaTemplate = 0;
  int64_t acmeJob = 0, betaJob = 0;

  ApiFixture() {
    acme = company("Acme", "acme");
    beta = company("Beta", "beta");
    catalog->applications().importPath(std::string(MFX_FIXTURES_DIR) +
                                       "/multiflexi/apps/Spoje-NET__pohoda-raiffeisenbank__pohoda-bank-transaction-report.app.json");
    appId = catalog->applications().list(1, 0).front().id;
    acmeTemplate = runTemplate("acme report", acme);
    betaTemplate = runTemplate("beta report", beta);
    acmeJob = job(acmeTemplate);
    betaJob = job(betaTemplate);
  }

  int64_t company(const std::string& name, const std::string& slug) {
    CompanyChanges c;
    c.name = name;
    c.slug = slug;
    return catalog->companies().create(c).id;
  }
  int64_t runTemplate(const std::string& name, int64_t companyId) {
    RunTemplateChanges t;
    t.name = name;
    t.appId = appId;
    t.companyId = companyId;
    return catalog->runTemplates().create(t).id;
  }
  int64_t job(int64_t templateId) {
    AdhocRun run;
    run.runtemplateId = templateId;
    run.due = nowMs() + 3'600'000;
    run.launchedBy = "seed";
    return catalog->jobs().schedule(run).id;
  }

  static Caller admin() { return Caller::localAdmin("root"); }
  /// A user with `role` in company `companyId` only.
  static Caller member(int64_t companyId, CompanyRole role, const std::string& name = "alice") {
    Caller c;
    c.userId = 7;
    c.name = name;
    c.roles[companyId] = role;
    return c;
  }

  static ApiRequest request(std::optional<Caller> caller, std::map<std::string, std::string> path = {},
                            std::map<std::string, std::string> query = {},
                            std::optional<OrderedJson> body = std::nullopt) {
    ApiRequest r;
    r.caller = std::move(caller);
    r.path = std::move(path);
    r.query = std::move(query);
    r.body = std::move(body);
    r.remoteAddress = "127.0.0.1";
    return r;
  }

  /// The handler of `method` `path` in `routes` (the test fails without one).
  static ApiHandler handler(const std::vector<ApiRoute>& routes, const std::string& method, const std::string& path) {
    for (const ApiRoute& route : routes)
      if (route.method == method && route.path == path) return route.handler;
    BOOST_FAIL("no route " + method + " " + path);
    return {};
  }

  ApiResponse call(const std::vector<ApiRoute>& routes, const std::string& method, const std::string& path,
                   const ApiRequest& r) {
    return handler(routes, method, path)(*catalog, r);
  }

  /// Every row of the tables the API writes, as text: equal digests mean
  /// nothing changed.
  std::string digest() {
    Poco::Data::Session s = catalog->database().session();
    std::string out;
    for (const std::string table : {"company", "company_env", "application", "runtemplate", "runtemplate_config", "job",
                                    "credential", "credential_value", "credential_type", "credential_type_setting"}) {
      // Every column through SQLite's quote(), so that blobs (sealed values) compare as text too.
      auto columns = Sql::query(s, "SELECT name FROM pragma_table_info('" + table + "')");
      std::string row = "''";
      for (std::size_t c = 0; c < columns.rowCount(); ++c) row += " || quote(" + Sql::text(columns, "name", c) + ") || '|'";
      auto rs = Sql::query(s, "SELECT " + row + " AS r FROM " + table + " ORDER BY rowid");
      out += table + "\n";
      for (std::size_t r = 0; r < rs.rowCount(); ++r) out += Sql::text(rs, "r", r) + "\n";
    }
    return out;
  }

  /// Checks `body` against the document's response schema.
  static void conforms(const std::string& method, const std::string& documentPath, int status, const OrderedJson& body) {
    const auto problems =
        multiFlexiOpenApi().problems(method, documentPath, status, nlohmann::json::parse(body.dump()));
    std::string all;
    for (const auto& p : problems) all += p + "\n";
    BOOST_TEST(problems.empty(), method << " " << documentPath << " " << status << ": " << all << body.dump());
  }
};

}  // namespace MultiFlexi::Testing
