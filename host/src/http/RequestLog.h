// What the request log shows of a request target: the path, and the query
// string with the values of `password` and `token` (any case, also when
// %-encoded) replaced by "***" — and no query at all for a login route,
// whose query carries MultiFlexi's username and password.
#pragma once

#include <string>
#include <string_view>

namespace MultiFlexi {

/// The logger of the access log, one line per request at information level.
/// It is not below "multiflexi.http": the daemons show it without -v.
constexpr const char* kAccessLogName = "multiflexi.access";

/// `path` and `query` as they came (still %-encoded); control characters escaped.
std::string loggableTarget(std::string_view path, std::string_view query);

}  // namespace MultiFlexi
