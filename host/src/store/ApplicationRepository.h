// Applications and everything their manifests carry (environment fields,
// artifacts, exit codes, produced and consumed data).
#pragma once

#include "domain/Application.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <optional>
#include <vector>

namespace MultiFlexi {

class ApplicationRepository {
 public:
  explicit ApplicationRepository(Database& database) : _db(database) {}

  std::optional<Application> findById(int64_t id);
  std::optional<Application> findByUuid(const std::string& uuid);
  std::optional<Application> findByName(const std::string& name);
  /// Ordered by id, without children (environment, artifacts ...).
  std::vector<Application> list(int64_t limit, int64_t offset);
  int64_t count();

  struct Saved {
    int64_t id;
    bool created;
  };
  /// Inserts the application, or updates the one with the same uuid, else the
  /// same name; children are replaced. One transaction: all or nothing.
  /// Throws ConflictException when uuid and name point at different records.
  Saved upsert(const Application& application);

  /// Deletes an application without run templates. Throws NotFoundException,
  /// or ConflictException naming the run templates that use it.
  void remove(int64_t id);

 private:
  std::optional<Application> findOne(const std::string& where, Sql::Binding key);
  void loadChildren(Poco::Data::Session& session, Application& app);
  void saveChildren(Poco::Data::Session& session, const Application& app, int64_t id);

  Database& _db;
};

}  // namespace MultiFlexi
