#include "http/Cookie.h"

#include <Poco/Net/NameValueCollection.h>

namespace MultiFlexi {

std::optional<std::string> sessionCookieOf(const Poco::Net::HTTPRequest& request) {
  if (!request.has(Poco::Net::HTTPRequest::COOKIE)) return std::nullopt;
  Poco::Net::NameValueCollection cookies;
  request.getCookies(cookies);
  std::optional<std::string> value;
  for (const auto& [name, text] : cookies) {
    if (name != kSessionCookie) continue;  // names are case-sensitive (RFC 6265); Poco's map is not
    if (value) return std::nullopt;            // two: which one is the server's is unknowable
    value = text;
  }
  return value;
}

std::optional<AuthAttempt> sessionAttempt(const Poco::Net::HTTPRequest& request, const std::string& remoteAddress) {
  auto value = sessionCookieOf(request);
  if (!value) return std::nullopt;
  AuthAttempt attempt;
  attempt.scheme = AuthAttempt::Scheme::Session;
  attempt.secret = std::move(*value);
  attempt.remoteAddress = remoteAddress;
  const std::string& method = request.getMethod();
  attempt.csrfRequired = method != "GET" && method != "HEAD" && method != "OPTIONS";
  attempt.csrfToken = request.get("X-CSRF-Token", "");
  return attempt;
}

}  // namespace MultiFlexi
