#include "http/UrlEncoding.h"

#include "common/Exceptions.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

namespace MultiFlexi {

std::string decodeUrlComponent(std::string_view text, const std::string& field) {
  std::string plus(text);
  for (char& c : plus)
    if (c == '+') c = ' ';
  std::string decoded;
  try {
    Poco::URI::decode(plus, decoded);
  } catch (const Poco::Exception&) {
    throw ValidationException(field, "malformed percent-encoding");
  }
  return decoded;
}

std::map<std::string, std::string> parseUrlEncoded(std::string_view text, const std::string& field) {
  std::map<std::string, std::string> out;
  while (!text.empty()) {
    const std::size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    std::string name = decodeUrlComponent(pair.substr(0, eq), field);
    std::string value = eq == std::string_view::npos ? std::string() : decodeUrlComponent(pair.substr(eq + 1), field);
    out.emplace(std::move(name), std::move(value));  // the first value wins
  }
  return out;
}

}  // namespace MultiFlexi
