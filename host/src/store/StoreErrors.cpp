#include "store/StoreErrors.h"

#include "common/Exceptions.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/SQLiteException.h>

namespace MultiFlexi {

namespace SQ = Poco::Data::SQLite;
namespace PD = Poco::Data;

namespace {

template <class E>
bool is(const Poco::Exception& e) {
  return dynamic_cast<const E*>(&e) != nullptr;
}

}  // namespace

std::optional<std::string> storeUnavailableReason(const Poco::Exception& e) {
  if (is<SQ::DatabaseFullException>(e)) return "disk full";
  if (is<SQ::ReadOnlyException>(e) || is<SQ::DBAccessDeniedException>(e)) return "it is read-only or not accessible";
  if (is<SQ::IOErrorException>(e)) return "I/O error";
  if (is<SQ::CantOpenDBFileException>(e)) return "the file cannot be opened";
  if (is<SQ::NoMemoryException>(e)) return "out of memory";
  if (is<SQ::CorruptImageException>(e)) return "the file is corrupt";
  return std::nullopt;
}

void throwIfStoreUnavailable(const Poco::Exception& e, const std::string& database) {
  if (const auto reason = storeUnavailableReason(e))
    throw StoreUnavailableException("the database " + database + " cannot be written: " + *reason);
}

StoreErrorKind classifyStoreError(const Poco::Exception& e) {
  if (is<SQ::DBLockedException>(e) || is<SQ::TableLockedException>(e) || is<SQ::LockProtocolException>(e) ||
      is<SQ::InterruptException>(e))
    return StoreErrorKind::Transient;
  if (storeUnavailableReason(e)) return StoreErrorKind::Transient;
  if (is<PD::SessionUnavailableException>(e) || is<PD::SessionPoolExhaustedException>(e) ||
      is<PD::ConnectionFailedException>(e) || is<PD::NotConnectedException>(e))
    return StoreErrorKind::Transient;
  // Constraint and trigger refusals, type mismatches, rows too big, bad SQL,
  // and anything else: the same data fails the same way.
  return StoreErrorKind::Permanent;
}

}  // namespace MultiFlexi
