#include "api/Paging.h"

#include "api/ApiInput.h"
#include "common/Exceptions.h"

namespace MultiFlexi {

Page pageOf(const ApiRequest& request, const std::map<std::string, std::string>& orderFields) {
  Page page;
  if (auto limit = queryInteger(request, "limit")) {
    if (*limit < 1 || *limit > kMaxPageLimit)
      throw ValidationException("limit", "must be between 1 and " + std::to_string(kMaxPageLimit));
    page.limit = *limit;
  }
  if (auto offset = queryInteger(request, "offset")) {
    if (*offset < 0) throw ValidationException("offset", "must not be negative");
    page.offset = *offset;
  }
  auto order = request.query.find("order");
  if (order != request.query.end()) {
    std::string field = order->second;
    const bool descending = !field.empty() && field[0] == '-';
    if (descending) field.erase(0, 1);
    auto column = orderFields.find(field);
    if (column == orderFields.end()) {
      std::string known;
      for (const auto& [name, c] : orderFields) known += (known.empty() ? "" : ", ") + name;
      throw ValidationException("order", "not a field this listing orders by (use " + known + ", '-' first for descending)");
    }
    page.order = ListOrder{column->second, descending};
  }
  return page;
}

}  // namespace MultiFlexi
