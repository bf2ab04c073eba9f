// What a failed store operation means for the caller who wants to retry:
// a transient error (the database is busy or locked, the disk is full, an
// I/O error, the file cannot be opened or is read-only) goes away when the
// environment recovers, so the same write may succeed later; a permanent
// one (a constraint or trigger refused the row, a type mismatch, a row or
// value too big, bad SQL) fails again with the same data, so the caller must
// drop or change what it writes.
//
// Functions of the exception's type; any thread.
#pragma once

#include <Poco/Exception.h>

#include <optional>
#include <string>

namespace MultiFlexi {

enum class StoreErrorKind { Transient, Permanent };

/// Transient for the environment errors above and for exceptions that are
/// not the store's (a lost connection, an exhausted pool); permanent for
/// errors of the data or the statement, and for every other exception.
StoreErrorKind classifyStoreError(const Poco::Exception& e);

/// Why the database cannot be used at all, for an operator ("disk full",
/// "it is read-only", ...); nothing when `e` is not such an environment
/// error (a busy database is not reported here: waiting helps).
std::optional<std::string> storeUnavailableReason(const Poco::Exception& e);

/// Throws StoreUnavailableException ("the database <database> cannot be
/// written: disk full") when `e` is such an environment error; returns
/// otherwise, so the caller rethrows `e`.
void throwIfStoreUnavailable(const Poco::Exception& e, const std::string& database);

}  // namespace MultiFlexi
