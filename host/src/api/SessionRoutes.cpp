#include "api/SessionRoutes.h"

#include "api/ApiInput.h"
#include "api/LoginRoutes.h"
#include "catalog/Catalog.h"
#include "catalog/UserCatalog.h"
#include "common/Exceptions.h"
#include "crypto/SecureBuffer.h"
#include "domain/ActorScope.h"

namespace MultiFlexi {

namespace {

/// `value` set as the session cookie; Max-Age=0 with an empty one clears it.
std::string setCookie(const std::string& value, bool secure) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" +
         (value.empty() ? "; Max-Age=0" : "") + (secure ? "; Secure" : "");
}

/// The caller and their session (null members for a caller signed in otherwise).
OrderedJson describe(const Caller& caller, const std::optional<LoginSession>& session, const SessionPolicy& policy) {
  OrderedJson roles = OrderedJson::object();
  for (const auto& [company, role] : caller.roles) roles[std::to_string(company)] = roleName(role);
  OrderedJson body = OrderedJson::object();
  body["user"] = {{"id", caller.userId ? OrderedJson(*caller.userId) : OrderedJson()},
                  {"login", caller.name},
                  {"admin", caller.admin}};
  body["roles"] = std::move(roles);
  body["csrf_token"] = session ? OrderedJson(session->csrfToken) : OrderedJson();
  body["idle_timeout"] = session ? OrderedJson(policy.idleMs / 1000) : OrderedJson();
  const std::optional<Instant> expires = session ? std::optional<Instant>(session->expiresAt) : caller.credentialExpiresAt;
  body["expires_at"] = expires ? OrderedJson(formatInstant(*expires)) : OrderedJson();
  return body;
}

ApiResponse noStore(ApiResponse response) {
  response.headers["Cache-Control"] = "no-store";
  return response;
}

/// Login CSRF: a page of another site must not sign the browser in to an
/// account of its choosing. A form is what such a page can send without
/// asking (JSON needs CORS, which this server never grants), and a browser
/// names where a request comes from (Sec-Fetch-Site).
void refuseCrossSite(const ApiRequest& request) {
  const auto site = request.headers.find("Sec-Fetch-Site");
  if (site != request.headers.end() && site->second != "same-origin" && site->second != "none")
    throw ForbiddenException("Sec-Fetch-Site", "a session is opened only from this server's own pages");
  const auto type = request.headers.find("Content-Type");
  const std::string media =
      type == request.headers.end() ? "" : Poco::toLower(Poco::trim(type->second.substr(0, type->second.find(';'))));
  if (media != "application/json") throw ValidationException("body", "send it as application/json");
}

ApiResponse signIn(Catalog& catalog, const ApiRequest& request) {
  refuseCrossSite(request);
  const OrderedJson& body = bodyObject(request, {"username", "password"});
  Caller caller =
      signInWithPassword(catalog, request, textMember(body, "username"), textMember(body, "password"));
  UserCatalog& users = catalog.users();
  const ActorScope actor(caller);
  NewSession made = users.sessions().create(caller);
  ApiResponse response;
  response.status = 201;
  response.body = describe(caller, made.session, users.sessions().policy());
  response.headers["Set-Cookie"] = setCookie(made.value, request.secure);
  wipe(made.value);
  return noStore(std::move(response));
}

ApiResponse current(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = request.caller.value();  // the router authenticated it
  SessionCatalog& sessions = catalog.users().sessions();
  std::optional<LoginSession> session;
  if (!request.sessionCookie.empty()) session = sessions.find(request.sessionCookie);
  ApiResponse response;
  response.body = describe(caller, session, sessions.policy());
  return noStore(std::move(response));
}

ApiResponse signOut(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = request.caller.value();
  if (request.sessionCookie.empty())
    throw ValidationException(kSessionCookie, "DELETE /session ends the session cookie the request was "
                                              "authenticated with; this one was authenticated otherwise");
  catalog.users().sessions().end(request.sessionCookie, caller.name);
  ApiResponse response;
  response.body = {{"status", "success"}, {"message", "Logged out"}};
  response.headers["Set-Cookie"] = setCookie("", request.secure);
  return noStore(std::move(response));
}

}  // namespace

std::vector<ApiRoute> sessionRoutes() {
  return {
      {"POST", "/session", true, false, "Sign in to the console: a session cookie for username and password", signIn},
      {"GET", "/session", true, true, "The caller, their roles and the console session they use", current},
      {"DELETE", "/session", true, true, "End the console session of this request and clear its cookie", signOut},
  };
}

}  // namespace MultiFlexi
