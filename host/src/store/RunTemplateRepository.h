// Run templates and their configuration values.
#pragma once

#include "domain/RunTemplate.h"
#include "store/Database.h"
#include "store/Sql.h"

#include <optional>
#include <vector>

namespace MultiFlexi {

/// Which run templates list() returns.
struct RunTemplateFilter {
  std::optional<int64_t> companyId;
  std::optional<int64_t> appId;
  /// Only these companies' templates (a caller's visible ones); all when unset.
  std::optional<std::vector<int64_t>> companyIds;
  /// One of RunTemplateRepository::kOrderColumns; by id when unset.
  std::optional<ListOrder> order;
  int64_t limit = 100;
  int64_t offset = 0;
};

class RunTemplateRepository {
 public:
  /// `envNames` decides which environment names create and update accept.
  explicit RunTemplateRepository(Database& database, EnvNamePolicy envNames = EnvNamePolicy())
      : _db(database), _envNames(std::move(envNames)) {}

  /// Validates (fields, and that the application and company exist) and
  /// inserts; returns the id.
  int64_t create(const RunTemplate& runTemplate);
  /// Validates and saves every field, configuration included.
  void update(const RunTemplate& runTemplate);
  std::optional<RunTemplate> findById(int64_t id);
  std::optional<RunTemplate> findByName(const std::string& name);
  std::vector<RunTemplate> list(const RunTemplateFilter& filter);
  /// The columns list() may be ordered by.
  static const std::vector<std::string> kOrderColumns;
  /// Deletes a run template without jobs; otherwise ConflictException.
  void remove(int64_t id);

  /// Active templates with a schedule (interval other than n), without
  /// their configuration.
  std::vector<RunTemplate> listScheduled();
  /// Sets next_schedule, the first slot not yet handled, in the caller's
  /// write transaction. update() clears it when the schedule changes.
  void setNextSchedule(Poco::Data::Session& s, int64_t id, std::optional<Instant> next);
  /// Adds `count` to the template's missed slots, in the caller's write
  /// transaction, only while its next_schedule is still `plannedFrom` (the
  /// slot the scheduler planned from): a second scheduler that planned the
  /// same slots counts nothing.
  void addMissedSlots(Poco::Data::Session& s, int64_t id, int64_t count, Instant plannedFrom);

 private:
  std::optional<RunTemplate> findOne(const std::string& where, Sql::Binding key);
  void checkReferences(Poco::Data::Session& s, const RunTemplate& t);
  void saveConfig(Poco::Data::Session& s, const RunTemplate& t);

  Database& _db;
  EnvNamePolicy _envNames;
};

}  // namespace MultiFlexi
