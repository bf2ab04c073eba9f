// What a caller presented to prove who they are: a login and password
// (HTTP Basic, the login operation, the console's form) or an API token
// (HTTP Bearer). Front-ends build one from the request; the user catalog
// answers with a Caller or UnauthorizedException. The secret is never
// logged, never put into an error and never stored as given.
#pragma once

#include <string>

namespace MultiFlexi {

struct AuthAttempt {
  enum class Scheme { Password, Token };
  Scheme scheme = Scheme::Password;
  /// The login (Password); empty for a token.
  std::string login;
  /// The password or the token as presented.
  std::string secret;
  /// The peer's address, for throttling failed attempts and the audit trail.
  std::string remoteAddress;
};

}  // namespace MultiFlexi
