#include "api/LoginRoutes.h"

#include "api/ApiInput.h"
#include "catalog/Catalog.h"
#include "catalog/UserCatalog.h"
#include "common/Exceptions.h"
#include "crypto/SecureBuffer.h"
#include "domain/ActorScope.h"

namespace MultiFlexi {

namespace {

constexpr int64_t kLoginTokenLifetimeMs = 24 * 3'600'000;

/// `name` from the body (JSON or form) when it has one, else from the query.
std::optional<std::string> loginField(const ApiRequest& request, const std::string& name) {
  if (request.body) {
    if (auto v = textMember(bodyObject(request), name)) return v;
  }
  return queryText(request, name);
}

ApiResponse login(Catalog& catalog, const ApiRequest& request) {
  const Caller caller =
      signInWithPassword(catalog, request, loginField(request, "username"), loginField(request, "password"));
  UserCatalog& users = catalog.users();
  const ActorScope actor(caller);
  const User user = users.get(UserKey{caller.userId, {}});
  NewApiToken made = users.createToken(user.id, "login", nowMs() + kLoginTokenLifetimeMs);
  ApiResponse response;
  response.status = 201;
  response.body = {{"token", made.value},
                   {"token_id", made.token.id},
                   {"expires_at", formatInstant(*made.token.expiresAt)},
                   {"user", {{"id", user.id}, {"login", user.login}, {"email", user.email ? OrderedJson(*user.email) : OrderedJson()}}},
                   {"message", "Login successful"},
                   {"status", "success"}};
  wipe(made.value);
  return response;
}

/// The Bearer token of the request, or a "token" member of the body.
std::optional<std::string> presentedToken(const ApiRequest& request) {
  if (!request.bearerToken.empty()) return request.bearerToken;
  if (request.body && request.body->is_object()) return textMember(*request.body, "token");
  return std::nullopt;
}

ApiResponse logout(Catalog& catalog, const ApiRequest& request) {
  const Caller& caller = request.caller.value();  // the router authenticated it
  auto token = presentedToken(request);
  if (!token) throw ValidationException("token", "logout revokes the Bearer token of the request; there is none");
  UserCatalog& users = catalog.users();
  const auto id = users.tokenIdOf(*token);
  // Another user's token is answered like one that does not exist.
  if (!id || users.token(*id).userId != caller.userId.value_or(0))
    throw NotFoundException("token", "no such token of yours");
  const ActorScope actor(caller);
  users.revokeToken(*id);
  ApiResponse response;
  response.body = {{"message", "Logged out"}, {"status", "success"}};
  return response;
}

}  // namespace

Caller signInWithPassword(Catalog& catalog, const ApiRequest& request, std::optional<std::string> username,
                          std::optional<std::string> password) {
  if (!username || username->empty()) throw ValidationException("username", "is required");
  if (!password || password->empty()) throw ValidationException("password", "is required");
  AuthAttempt attempt;
  attempt.scheme = AuthAttempt::Scheme::Password;
  attempt.remoteAddress = request.remoteAddress;
  attempt.login = *username;
  attempt.secret = std::move(*password);
  try {
    Caller caller = catalog.users().authenticate(attempt);
    wipe(attempt.secret);
    return caller;
  } catch (...) {
    wipe(attempt.secret);
    throw;
  }
}

std::vector<ApiRoute> loginRoutes() {
  return {
      {"GET", "/login", true, false, "Sign in: a new API token for username and password", login},
      {"POST", "/login", true, false, "Sign in: a new API token for username and password", login},
      {"POST", "/logout", false, true, "Revoke the Bearer token of this request", logout},
  };
}

}  // namespace MultiFlexi
