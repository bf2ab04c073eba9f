// The page of a listing as the API's query gives it: `limit` (1-100,
// default 20, as MultiFlexi's LimitParam), `offset` (>= 0) and `order` (a
// field name of the listing, '-' first for descending).
#pragma once

#include "api/ApiRoute.h"
#include "domain/ListOrder.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace MultiFlexi {

struct Page {
  int64_t limit = 20;
  int64_t offset = 0;
  /// The store column of the requested field; nullopt for the default order.
  std::optional<ListOrder> order;
};

constexpr int64_t kMaxPageLimit = 100;
constexpr int64_t kDefaultPageLimit = 20;

/// The page `request` asks for. `orderFields` maps the field names a caller
/// may order by to their store columns. ValidationException naming "limit",
/// "offset" or "order" for anything else.
Page pageOf(const ApiRequest& request, const std::map<std::string, std::string>& orderFields);

}  // namespace MultiFlexi
