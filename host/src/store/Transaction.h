// A write transaction: begun at construction (taking the write lock at once),
// rolled back on destruction unless committed. A transaction the database
// already ended on its own (SQLite rolls back on a full disk or an I/O
// error) is not rolled back again.
#pragma once

#include "store/Database.h"
#include "store/Dialect.h"

#include <Poco/Data/Session.h>

#include <chrono>
#include <optional>
#include <type_traits>

namespace MultiFlexi {

class Transaction {
 public:
  /// `lockWait`: how long to wait for another connection's lock (for this
  /// transaction only); nothing: the dialect's default.
  Transaction(Poco::Data::Session& session, const Dialect& dialect,
              std::optional<std::chrono::milliseconds> lockWait = std::nullopt);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  void restoreLockWait();

  Poco::Data::Session& _session;
  const Dialect& _dialect;
  const bool _lockWaitSet;
  bool _open = true;
};

/// Runs `work(session)` in one write transaction on a connection of
/// `database` and commits when it returns; rolls back when it throws.
/// `lockWait` bounds the wait for another connection's lock (see Transaction).
template <class Work>
auto inTransaction(Database& database, Work&& work, std::optional<std::chrono::milliseconds> lockWait = std::nullopt) {
  Poco::Data::Session session = database.session();
  Transaction tx(session, database.dialect(), lockWait);
  if constexpr (std::is_void_v<decltype(work(session))>) {
    work(session);
    tx.commit();
  } else {
    auto result = work(session);
    tx.commit();
    return result;
  }
}

}  // namespace MultiFlexi
