#include "catalog/SecurityCatalog.h"

#include "common/Exceptions.h"
#include "crypto/KeyRing.h"
#include "store/AuditRepository.h"

namespace MultiFlexi {

KeyStatus SecurityCatalog::keyStatus() {
  KeyStatus status;
  status.keyFile = _database.keyRing().keyFile();
  Poco::Data::Session s = _database.session();
  status.versions = KeyRepository::versions(s);
  status.sealed = sealedCounts(_database);
  return status;
}

RotationReport SecurityCatalog::rotateKeys(std::size_t batchSize,
                                           const std::function<void(const std::string&, int64_t)>& progress) {
  AuditRepository(_database).record("encryption.rotate", "key ring", std::nullopt, std::nullopt);
  return MultiFlexi::rotateKeys(_database, batchSize, progress);
}

std::vector<AuditEvent> SecurityCatalog::auditTrail(int64_t limit) { return AuditRepository(_database).list(limit); }

std::vector<AuditEvent> SecurityCatalog::auditTrail(const AuditQuery& query) {
  return AuditRepository(_database).list(query);
}

AuditEvent SecurityCatalog::auditEvent(int64_t id) {
  auto event = AuditRepository(_database).findById(id);
  if (!event) throw NotFoundException("id", "no audit event with id " + std::to_string(id));
  return *event;
}

}  // namespace MultiFlexi
