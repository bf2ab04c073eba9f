#include "store/Transaction.h"

#include <Poco/Logger.h>

namespace MultiFlexi {

using namespace Poco::Data::Keywords;

namespace {

Poco::Logger& logger() { return Poco::Logger::get("multiflexi.store"); }

}  // namespace

Transaction::Transaction(Poco::Data::Session& session, const Dialect& dialect,
                         std::optional<std::chrono::milliseconds> lockWait)
    : _session(session), _dialect(dialect), _lockWaitSet(lockWait.has_value()) {
  if (_lockWaitSet) _dialect.setLockWait(_session, lockWait);
  try {
    _session << dialect.beginWrite(), now;
  } catch (...) {
    restoreLockWait();
    throw;
  }
}

Transaction::~Transaction() {
  // The database may have rolled back already (full disk, I/O error).
  if (_open && _dialect.inTransaction(_session)) {
    try {
      _session << "ROLLBACK", now;
    } catch (const Poco::Exception& e) {
      logger().error("rollback failed: %s", e.displayText());
    }
  }
  restoreLockWait();
}

void Transaction::commit() {
  _session << "COMMIT", now;
  _open = false;
}

void Transaction::restoreLockWait() {
  if (!_lockWaitSet) return;
  try {
    _dialect.setLockWait(_session, std::nullopt);  // the connection goes back to the pool
  } catch (const Poco::Exception& e) {
    logger().error("cannot restore the lock wait of a connection: %s", e.displayText());
  }
}

}  // namespace MultiFlexi
