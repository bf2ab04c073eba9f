// A write transaction: begun at construction (taking the write lock at once),
// rolled back on destruction unless committed.
#pragma once

#include "store/Database.h"
#include "store/Dialect.h"

#include <Poco/Data/Session.h>

#include <type_traits>

namespace MultiFlexi {

class Transaction {
 public:
  Transaction(Poco::Data::Session& session, const Dialect& dialect);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Poco::Data::Session& _session;
  bool _open = true;
};

/// Runs `work(session)` in one write transaction on a connection of
/// `database` and commits when it returns; rolls back when it throws.
template <class Work>
auto inTransaction(Database& database, Work&& work) {
  Poco::Data::Session session = database.session();
  Transaction tx(session, database.dialect());
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
