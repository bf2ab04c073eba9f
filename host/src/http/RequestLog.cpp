#include "http/RequestLog.h"

#include "common/Exceptions.h"
#include "common/TerminalText.h"
#include "http/UrlEncoding.h"

#include <Poco/String.h>

namespace MultiFlexi {

namespace {

std::string decodedOrRaw(std::string_view text) {
  try {
    return decodeUrlComponent(text, "query");
  } catch (const ValidationException&) {
    return std::string(text);
  }
}

/// Whether a segment of the path is "login" (with or without a suffix).
bool isLogin(std::string_view path) {
  const std::string decoded = Poco::toLower(decodedOrRaw(path));
  std::size_t start = 0;
  while (start <= decoded.size()) {
    std::size_t end = decoded.find('/', start);
    if (end == std::string::npos) end = decoded.size();
    std::string segment = decoded.substr(start, end - start);
    segment = segment.substr(0, segment.find('.'));
    if (segment == "login") return true;
    start = end + 1;
  }
  return false;
}

bool isSecretName(std::string_view name) {
  const std::string n = Poco::toLower(Poco::trim(decodedOrRaw(name)));
  return n == "password" || n == "token";
}

}  // namespace

std::string loggableTarget(std::string_view path, std::string_view query) {
  std::string out(path);
  if (!query.empty() && !isLogin(path)) {
    std::string kept;
    while (!query.empty()) {
      const std::size_t amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      const std::size_t eq = pair.find('=');
      kept += kept.empty() ? "" : "&";
      if (isSecretName(pair.substr(0, eq)))
        kept += std::string(pair.substr(0, eq)) + "=***";
      else
        kept += pair;
    }
    out += "?" + kept;
  }
  return escapeControls(out);
}

}  // namespace MultiFlexi
