#include "http/Authorization.h"

#include <Poco/Base64Decoder.h>
#include <Poco/String.h>

#include <sstream>

namespace MultiFlexi {

namespace {

std::optional<std::string> base64(std::string_view text) {
  if (text.empty() || text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") !=
                          std::string_view::npos)
    return std::nullopt;
  std::istringstream in{std::string(text)};
  Poco::Base64Decoder decoder(in);
  std::string out;
  try {
    char c;
    while (decoder.get(c)) out += c;
  } catch (...) {
    return std::nullopt;
  }
  if (decoder.bad()) return std::nullopt;
  return out;
}

}  // namespace

std::optional<AuthAttempt> parseAuthorization(std::string_view header, const std::string& remoteAddress) {
  const std::string value = Poco::trim(std::string(header));
  const std::size_t space = value.find(' ');
  if (space == std::string::npos) return std::nullopt;
  const std::string scheme = Poco::toLower(value.substr(0, space));
  const std::string rest = Poco::trim(value.substr(space + 1));
  AuthAttempt attempt;
  attempt.remoteAddress = remoteAddress;
  if (scheme == "basic") {
    const auto decoded = base64(rest);
    if (!decoded) return std::nullopt;
    const std::size_t colon = decoded->find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == decoded->size()) return std::nullopt;
    attempt.scheme = AuthAttempt::Scheme::Password;
    attempt.login = decoded->substr(0, colon);
    attempt.secret = decoded->substr(colon + 1);
    return attempt;
  }
  if (scheme == "bearer") {
    for (char c : rest)
      if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;
    if (rest.empty()) return std::nullopt;
    attempt.scheme = AuthAttempt::Scheme::Token;
    attempt.secret = rest;
    return attempt;
  }
  return std::nullopt;
}

}  // namespace MultiFlexi
