// The audit log: who did what to which sensitive record (revealing a
// credential's secrets, rotating keys). Never holds secret values.
#pragma once

#include "domain/AuditEvent.h"
#include "common/Clock.h"
#include "store/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace MultiFlexi {

/// Which events a listing shows, newest first.
struct AuditQuery {
  int64_t limit = 100;
  int64_t offset = 0;
  std::optional<int64_t> companyId;
  std::optional<std::string> actor;
};

class AuditRepository {
 public:
  explicit AuditRepository(Database& database) : _db(database) {}

  /// Records an event now, as this thread's ActorScope caller (the Unix
  /// user outside one); returns its id.
  int64_t record(const std::string& action, const std::string& subject, std::optional<int64_t> companyId,
                 std::optional<std::string> detail);
  /// The newest `limit` events, newest first.
  std::vector<AuditEvent> list(int64_t limit);
  std::vector<AuditEvent> list(const AuditQuery& query);
  std::optional<AuditEvent> findById(int64_t id);

 private:
  Database& _db;
};

}  // namespace MultiFlexi
