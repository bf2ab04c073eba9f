// Records the scheduler and executor tests start from, written through the
// real repositories.
#pragma once

#include "store/KeyRepository.h"
#include "domain/Application.h"
#include "domain/RunTemplate.h"
#include "store/ApplicationRepository.h"
#include "store/CompanyRepository.h"
#include "store/RunTemplateRepository.h"

#include <optional>
#include <string>

namespace MultiFlexi::Testing {

/// A SQLite store at `dbPath` with its key ring (master key in `keyFile`,
/// created when missing), as the CLI opens it.
inline std::unique_ptr<Database> openSealedStore(const std::string& dbPath, const std::string& keyFile) {
  auto db = Database::openSqlite(dbPath);
  db->attachKeyRing(KeyRepository::loadRing(*db, keyFile, Poco::Logger::get("test.crypto")));
  return db;
}

inline int64_t seedCompany(Database& db, const std::string& slug, std::optional<std::string> timeZone = std::nullopt) {
  Company c;
  c.name = "Company " + slug;
  c.slug = slug;
  c.timeZone = std::move(timeZone);
  return CompanyRepository(db).create(c);
}

/// An application that runs `executable` with `cmdparams`.
inline Application appRunning(const std::string& name, const std::string& executable,
                              std::optional<std::string> cmdparams = std::nullopt) {
  Application a;
  a.name = name;
  a.nameJson = "\"" + name + "\"";
  a.descriptionJson = "\"test application\"";
  a.executable = executable;
  a.cmdparams = std::move(cmdparams);
  return a;
}

inline int64_t seedApp(Database& db, const Application& app) { return ApplicationRepository(db).upsert(app).id; }

/// An active template of `appId` for `companyId` on interval `interval`.
inline RunTemplate templateOf(int64_t appId, int64_t companyId, char interval, const std::string& name = "t") {
  RunTemplate t;
  t.name = name;
  t.appId = appId;
  t.companyId = companyId;
  t.interval = interval;
  return t;
}

inline int64_t seedTemplate(Database& db, const RunTemplate& t) { return RunTemplateRepository(db).create(t); }

}  // namespace MultiFlexi::Testing
