// The one key a remote address is counted under, wherever clients are
// counted (the API's rate limit per address, the failed sign-in throttle):
// an IPv4 address as itself, an IPv4-mapped IPv6 address (::ffff:a.b.c.d)
// as that IPv4 address, any other IPv6 address as its /64 ("2001:db8:1:2::/64"),
// because a single subscriber gets a whole /64 and could otherwise count as
// 2^64 clients. Anything that is not an address ("", "local") is its own key.
//
// Pure; no I/O; any thread.
#pragma once

#include <string>

namespace MultiFlexi {

/// The key `address` (as a peer's address is printed: "192.0.2.7", "2001:db8::1") is counted under.
std::string addressKey(const std::string& address);

}  // namespace MultiFlexi
