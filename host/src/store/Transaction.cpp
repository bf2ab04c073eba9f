#include "store/Transaction.h"

#include <Poco/Logger.h>

namespace MultiFlexi {

using namespace Poco::Data::Keywords;

Transaction::Transaction(Poco::Data::Session& session, const Dialect& dialect) : _session(session) {
  _session << dialect.beginWrite(), now;
}

Transaction::~Transaction() {
  if (!_open) return;
  try {
    _session << "ROLLBACK", now;
  } catch (const Poco::Exception& e) {
    Poco::Logger::get("multiflexi.store").error("rollback failed: %s", e.displayText());
  }
}

void Transaction::commit() {
  _session << "COMMIT", now;
  _open = false;
}

}  // namespace MultiFlexi
