// How a listing is ordered: a column of the listed records, ascending
// unless `descending`. Front-ends map the field names callers may give to
// columns (api/Paging); the store accepts only columns it knows.
#pragma once

#include <string>

namespace MultiFlexi {

struct ListOrder {
  std::string column;
  bool descending = false;
};

}  // namespace MultiFlexi
