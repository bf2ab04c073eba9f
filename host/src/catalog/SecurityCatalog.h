// The use cases of encryption at rest and the audit trail: what the key
// ring holds and seals, key rotation (audited), and reading the trail.
#pragma once

#include "domain/AuditEvent.h"
#include "store/AuditRepository.h"
#include "store/KeyRotation.h"

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace MultiFlexi {

/// What encryption:status shows.
struct KeyStatus {
  std::string keyFile;
  std::vector<KeyVersionInfo> versions;
  /// Sealed values by kind and key version.
  std::map<std::string, std::map<int, int64_t>> sealed;
};

class SecurityCatalog {
 public:
  explicit SecurityCatalog(Database& database) : _database(database) {}

  KeyStatus keyStatus();
  /// Records the rotation in the audit trail, then rotates (or resumes an
  /// interrupted rotation), re-sealing `batchSize` values per transaction.
  RotationReport rotateKeys(std::size_t batchSize, const std::function<void(const std::string&, int64_t)>& progress);
  /// The newest `limit` events of the audit trail.
  std::vector<AuditEvent> auditTrail(int64_t limit);
  /// The events `query` selects, newest first.
  std::vector<AuditEvent> auditTrail(const AuditQuery& query);
  /// NotFoundException for an unknown id.
  AuditEvent auditEvent(int64_t id);

 private:
  Database& _database;
};

}  // namespace MultiFlexi
