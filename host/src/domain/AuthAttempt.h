// What a caller presented to prove who they are: a login and password
// (HTTP Basic, the login operation, the console's form), an API token
// (HTTP Bearer) or a console session (the mfx_session cookie, with the
// CSRF token a request that changes something must send beside it). Front-ends build one from the request; the user catalog
// answers with a Caller or UnauthorizedException. The secret is never
// logged, never put into an error and never stored as given.
#pragma once

#include <string>

namespace MultiFlexi {

struct AuthAttempt {
  enum class Scheme { Password, Token, Session };
  Scheme scheme = Scheme::Password;
  /// The login (Password); empty for a token.
  std::string login;
  /// The password, the token or the session cookie's value as presented.
  std::string secret;
  /// Session only: whether the request may change something (any method
  /// but GET, HEAD, OPTIONS); it must then present the session's CSRF token.
  bool csrfRequired = false;
  /// Session only: the CSRF token the request presented (X-CSRF-Token); empty: none.
  std::string csrfToken;
  /// The peer's address, for throttling failed attempts and the audit trail.
  std::string remoteAddress;
};

}  // namespace MultiFlexi
