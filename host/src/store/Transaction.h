// A write transaction: begun at construction (taking the write lock at once),
// rolled back on destruction unless committed.
#pragma once

#include "store/Dialect.h"

#include <Poco/Data/Session.h>

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

}  // namespace MultiFlexi
